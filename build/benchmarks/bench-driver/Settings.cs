using System.Globalization;

namespace Bench;

/// <summary>What build/bench passes to the driver: the servers, the database, the run's shape.</summary>
public sealed record Settings(
    Uri Host,
    Uri Floor,
    string Database,
    string PgBin,
    int HostPid,
    int PostmasterPid,
    string HostDll,
    string TokensFolder,
    string QueriesFolder,
    string Results,
    double Scale,
    int Seed,
    bool Smoke,
    IReadOnlySet<int> Workloads,
    TimeSpan Seconds,
    double NormalIngest,
    double? MixSearchRate,
    int DescriptionEvents,
    string DataSource,
    TimeSpan? Soak)
{
    /// <summary>A duration as build/bench takes it: 30m, 90s, 2h.</summary>
    private static TimeSpan Duration(string value)
    {
        var number = double.Parse(value[..^1], CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            's' => TimeSpan.FromSeconds(number),
            'm' => TimeSpan.FromMinutes(number),
            'h' => TimeSpan.FromHours(number),
            _ => throw new FormatException($"--soak takes a duration such as 30m, 90s or 2h, not {value}"),
        };
    }

    /// <summary>A rate of requests a second, more than zero (an open loop at zero would never send one).</summary>
    private static double PositiveRate(string value)
    {
        var rate = double.Parse(value, CultureInfo.InvariantCulture);
        return rate > 0 && double.IsFinite(rate) ? rate : throw new ArgumentException($"--mix-search-rate takes a number of searches a second above zero, not {value}");
    }

    public static Settings Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is required");
        }
        var smoke = args.Contains("--smoke");
        return new Settings(
            new Uri(Value("--host")),
            new Uri(Value("--floor")),
            Value("--database"),
            Value("--pg-bin"),
            int.Parse(Value("--host-pid"), CultureInfo.InvariantCulture),
            int.Parse(Value("--postmaster-pid"), CultureInfo.InvariantCulture),
            Value("--host-dll"),
            Value("--tokens"),
            Value("--queries"),
            Value("--results"),
            double.Parse(Value("--scale"), CultureInfo.InvariantCulture),
            int.Parse(Value("--seed"), CultureInfo.InvariantCulture),
            smoke,
            Value("--workloads", "1,2,3,4,5,6,8").Split(',').Select(int.Parse).ToHashSet(),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", smoke ? "1" : "10"), CultureInfo.InvariantCulture)),
            double.Parse(Value("--normal-ingest", smoke ? "50" : "500"), CultureInfo.InvariantCulture),
            args.Contains("--mix-search-rate") ? PositiveRate(Value("--mix-search-rate")) : null,
            int.Parse(Value("--description-events", smoke ? "200" : "10000"), CultureInfo.InvariantCulture),
            Value("--data-source", "unknown"),
            args.Contains("--soak") ? Duration(Value("--soak")) : null);
    }
}
