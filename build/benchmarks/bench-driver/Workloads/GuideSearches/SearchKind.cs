namespace Bench.Workloads;

/// <summary>
/// One of the guide's consumer searches with the values it is run with: the host's request paths,
/// the floor server's paths for the same pages, and the values each @parameter of its SQL takes
/// (Queries/{Query}.sql and .count.sql) for pgbench. Requests are taken in turn.
/// </summary>
public sealed record SearchKind(
    string Name,
    string Query,
    bool WithIncludes,
    string Token,
    IReadOnlyList<string> HostPaths,
    IReadOnlyList<string> FloorPaths,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Values)
{
    public string Target => WithIncludes ? ">= 0.50 of floor, p99 < 50 ms" : ">= 0.50 of floor, p99 < 20 ms";

    public bool Pass(double p99, double toFloor) => toFloor >= 0.5 && p99 < (WithIncludes ? 50 : 20);
}
