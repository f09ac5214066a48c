namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// How big a fault test runs. In the suite (CI), bounded: a few seconds of outage, a few
/// hundred changes. <c>build/test --faults</c> sets RORNATIONAL_FAULTS=full and runs the same
/// tests at the size the issue names (16 suppliers for minutes, PostgreSQL down for 20 s).
/// </summary>
public static class FaultRun
{
    public static bool Full => Environment.GetEnvironmentVariable("RORNATIONAL_FAULTS") == "full";

    /// <summary>Changes each supplier has acknowledged before the test ends.</summary>
    public static int ChangesPerSupplier => Full ? 150 : 16;

    /// <summary>How long PostgreSQL stays down.</summary>
    public static TimeSpan Outage => Full ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(4);
}
