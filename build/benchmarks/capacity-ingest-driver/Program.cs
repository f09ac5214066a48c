using System.Diagnostics;
using System.Net.Http.Headers;
using CapacityIngest;

// build/benchmarks/capacity-ingest runs this; see that script for the options.
Options options;
try { options = Options.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"capacity-ingest: {e.Message}");
    return 2;
}
HttpClient Client(string token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = options.Base,
    Timeout = TimeSpan.FromMinutes(2),
    DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
};

var suppliers = options.SupplierTokens.Count;
Console.WriteLine($"capacity ingest into {options.Base}: {suppliers} suppliers x {options.EstablishmentsPerSupplier} EG x {options.LieuxPerEstablishment} lieux x {Indicators.PerLieu} indicators, transaction bundles of {options.BundleSize} changes, {options.Duration.TotalSeconds:F0} s, freshness by {options.Freshness}");

var setup = Stopwatch.StartNew();
using var loader = Client(options.LoaderToken);
var zones = new List<IReadOnlyList<string>>();
for (var s = 1; s <= suppliers; s++) zones.Add(options.Reuse ? Setup.ZonesOf(options, s) : await Setup.EstablishAsync(loader, options, s));
Console.WriteLine($"set up: {zones.Sum(z => z.Count)} lieux published through dossiers in {setup.Elapsed.TotalSeconds:F1} s");

var measurements = new Measurements();
var clients = options.SupplierTokens.Select(Client).ToList();
var freshness = new Freshness(Client(options.LoaderToken), options.Freshness, measurements);
var runners = Enumerable.Range(0, suppliers).Select(s => new Supplier(clients[s], zones[s], options, measurements, freshness)).ToList();

var initial = Stopwatch.StartNew();
var initialised = (await Task.WhenAll(runners.Select(r => r.InitialiseAsync()))).Sum();
Console.WriteLine($"initial capacity: {initialised} indicators in {initial.Elapsed.TotalSeconds:F1} s");

var probes = Enumerable.Range(0, suppliers).Select(_ => new List<Task>()).ToList();
var cpuBefore = options.Cpu.Sample();
var run = Stopwatch.StartNew();
var deadline = DateTimeOffset.UtcNow + options.Duration;
await Task.WhenAll(runners.Select((r, s) => r.RunAsync(deadline, probes[s])));
var elapsed = run.Elapsed;
var cpuAfter = options.Cpu.Sample();
await Task.WhenAll(probes.SelectMany(p => p));
Console.WriteLine(measurements.Report(elapsed));
if (options.Cpu.Measures)
    Console.WriteLine(measurements.CpuReport(cpuAfter.Host - cpuBefore.Host, cpuAfter.Postgres - cpuBefore.Postgres, elapsed));
return 0;
