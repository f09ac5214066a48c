namespace Bench;

/// <summary>The bearer tokens build/bench minted (build/token against build/benchmarks/bench-clients.json), one file per client.</summary>
public sealed class Tokens(string folder)
{
    public string Of(string client) =>
        File.ReadAllText(Path.Combine(folder, client + ".token")).Trim();

    /// <summary>The consumers, one per access profile, taken in turn by the read workload.</summary>
    public IReadOnlyList<string> Consumers =>
        [Of("bench-public"), Of("bench-professional"), Of("bench-medico-social"), Of("bench-crisis")];

    public IReadOnlyList<string> Suppliers(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Of($"bench-supplier-{i:D2}"))];
}
