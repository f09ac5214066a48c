namespace Bench.Report;

/// <summary>
/// One line of the table: a workload's case, its throughput (with its unit), latency
/// percentiles in ms, its ratio to the limits measured in the same run, the target and the
/// verdict (null: no target for this line). <see cref="Details"/> says how it was measured
/// (closed or open loop, rates, CPU per operation, the limits' own figures).
/// </summary>
public sealed record Row(
    string Workload,
    double Throughput,
    string Unit,
    double P50,
    double P95,
    double P99,
    string Ratio,
    string Target,
    bool? Pass,
    long Failures,
    string Details)
{
    /// <summary>Set when the harness itself failed for this workload (exception, nothing measured).</summary>
    public string? Error { get; init; }

    public double MaxRssMb { get; init; }

    public double HostCpuSeconds { get; init; }

    public double PostgresCpuSeconds { get; init; }

    public static Row Broken(string workload, Exception error) =>
        new(workload, double.NaN, "", double.NaN, double.NaN, double.NaN, "", "", null, 0, "") { Error = $"{error.GetType().Name}: {error.Message}" };
}
