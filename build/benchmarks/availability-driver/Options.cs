namespace AvailabilityBenchmark;

/// <summary>The driver's options (see build/benchmarks/availability).</summary>
public sealed record Options(
    Uri Base, string LoaderToken, string ReaderToken, int EstablishmentsPerDepartement, int LieuxPerEstablishment,
    TimeSpan Duration, IReadOnlyList<int> Connections, int Probes, bool Setup, int SetupWorkers)
{
    public static Options Parse(string[] args)
    {
        Uri? baseUri = null;
        int establishments = 6, lieux = 10, probes = 30, workers = 4;
        var seconds = 15;
        IReadOnlyList<int> connections = [1, 4];
        var setup = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--base": baseUri = new Uri(Next()); break;
                case "--establishments": establishments = int.Parse(Next()); break;
                case "--lieux": lieux = int.Parse(Next()); break;
                case "--seconds": seconds = int.Parse(Next()); break;
                case "--connections": connections = Next().Split(',').Select(int.Parse).ToList(); break;
                case "--probes": probes = int.Parse(Next()); break;
                case "--workers": workers = int.Parse(Next()); break;
                case "--no-setup": setup = false; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (lieux is < 1 or > 99) throw new ArgumentException("--lieux is 1 to 99");
        if (establishments is < 1 or > 999) throw new ArgumentException("--establishments is 1 to 999");
        return new Options(
            baseUri ?? throw new ArgumentException("--base is required"),
            Environment.GetEnvironmentVariable("BENCH_LOADER_TOKEN") ?? throw new ArgumentException("BENCH_LOADER_TOKEN is not set"),
            Environment.GetEnvironmentVariable("BENCH_READER_TOKEN") ?? throw new ArgumentException("BENCH_READER_TOKEN is not set"),
            establishments, lieux, TimeSpan.FromSeconds(seconds), connections, probes, setup, workers);
    }
}
