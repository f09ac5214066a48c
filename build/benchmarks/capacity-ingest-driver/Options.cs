namespace CapacityIngest;

/// <summary>What build/benchmarks/capacity-ingest passes: the host, the tokens, the shape of the run.</summary>
public sealed record Options(
    Uri Base,
    string LoaderToken,
    IReadOnlyList<string> SupplierTokens,
    int EstablishmentsPerSupplier,
    int LieuxPerEstablishment,
    int BundleSize,
    TimeSpan Duration,
    string Freshness,
    CpuTime Cpu,
    bool Reuse)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var suppliers = Environment.GetEnvironmentVariable("BENCH_SUPPLIER_TOKENS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            ?? throw new ArgumentException("BENCH_SUPPLIER_TOKENS: the suppliers' tokens, separated by spaces");
        var options = new Options(
            new Uri(Value("--base", "http://127.0.0.1:8080")),
            Environment.GetEnvironmentVariable("BENCH_LOADER_TOKEN") ?? throw new ArgumentException("BENCH_LOADER_TOKEN: the loader's token"),
            suppliers,
            int.Parse(Value("--establishments", "2")),
            int.Parse(Value("--lieux", "10")),
            int.Parse(Value("--bundle", "50")),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", "30"), System.Globalization.CultureInfo.InvariantCulture)),
            Value("--freshness", "search"),
            CpuTime.Parse(Value("--cpu", "")),
            args.Contains("--reuse"));
        if (options.Freshness is not ("search" or "read")) throw new ArgumentException("--freshness is search or read");
        if (options.BundleSize % Indicators.PerLieu != 0) throw new ArgumentException($"--bundle must be a multiple of {Indicators.PerLieu} (indicators per lieu)");
        return options;
    }

    /// <summary>The FINESS number of a supplier's EG: 699 + supplier (2 digits) + EG (4 digits); the supplier clients' SupplierOf lists them.</summary>
    public static string Finess(int supplier, int establishment) => $"699{supplier:D2}{establishment:D4}";
}
