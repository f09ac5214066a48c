namespace Bench.Workloads;

/// <summary>
/// The lieux each of the 16 suppliers writes to: 20 each (two Bundles of 10 lieux x 5 indicators),
/// distinct while the data have enough lieux taking beds, else shared in turn (then suppliers
/// wait on each other's stream locks: the row says how many distinct lieux there were).
/// </summary>
public static class ZonePlan
{
    public const int Suppliers = 16;
    public const int LieuxPerSupplier = 20;

    public static IReadOnlyList<IReadOnlyList<string>> For(IReadOnlyList<string> zones)
    {
        if (zones.Count == 0) throw new InvalidOperationException("no lieu with a supply zone takes beds: nothing to ingest into");
        var perSupplier = Math.Min(LieuxPerSupplier, zones.Count);
        return [.. Enumerable.Range(0, Suppliers).Select(s => (IReadOnlyList<string>)[.. Enumerable.Range(0, perSupplier).Select(k => zones[(s * perSupplier + k) % zones.Count])])];
    }

    public static int Distinct(IReadOnlyList<IReadOnlyList<string>> plan) => plan.SelectMany(z => z).Distinct().Count();
}
