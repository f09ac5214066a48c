using System.Globalization;

namespace BenchGenerator;

/// <summary>
/// The command line:
/// <c>--url http://127.0.0.1:8210 --scale 0.05 --seed 42 [--concurrency 8] [--suppliers 8] [--bundle-size 250] [--report FILE] [--cpu HOST_PID,POSTMASTER_PID]</c>.
/// </summary>
public sealed record Options(Uri Url, double Scale, int Seed, int Concurrency, int Suppliers, int BundleSize, string? Report, bool PlanOnly, string? Cpu)
{
    public const string Usage =
        "usage: bench-generator --url http://127.0.0.1:PORT --scale 0.05 --seed 42 [--concurrency 8] [--suppliers 8] [--bundle-size 250] [--report FILE.json] [--cpu HOST_PID,POSTMASTER_PID] [--plan-only]";

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var planOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--plan-only") { planOnly = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"unexpected argument '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        var unknown = values.Keys.Except(["url", "scale", "seed", "concurrency", "suppliers", "bundle-size", "report", "cpu"]).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option --{unknown[0]}");
        var scale = Double("scale", 0.05);
        if (!(scale > 0) || scale > 10) throw new ArgumentException("--scale is a number above 0, at most 10");
        var options = new Options(
            new Uri(values.GetValueOrDefault("url") ?? (planOnly ? "http://127.0.0.1" : throw new ArgumentException("--url is required"))),
            scale, Int("seed", 42), Int("concurrency", 8), Int("suppliers", 8), Int("bundle-size", 250), values.GetValueOrDefault("report"), planOnly, values.GetValueOrDefault("cpu"));
        if (options.Concurrency is < 1 or > 256) throw new ArgumentException("--concurrency is 1 to 256");
        if (options.Suppliers is < 1 or > 32) throw new ArgumentException("--suppliers is 1 to 32 (bench-supplier-01..32)");
        if (options.BundleSize is < 1 or > 10_000) throw new ArgumentException("--bundle-size is 1 to 10,000 changes");
        return options;

        double Double(string name, double fallback) => values.TryGetValue(name, out var v)
            ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
        int Int(string name, int fallback) => values.TryGetValue(name, out var v)
            ? int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
    }
}
