using System.Diagnostics;
using System.Net.Http.Headers;
using AvailabilityBenchmark;

// build/benchmarks/availability runs this; see that script for the options.
Options options;
try { options = Options.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"availability: {e.Message}");
    return 2;
}
HttpClient Client(string token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = options.Base,
    Timeout = TimeSpan.FromMinutes(2),
    DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
};

var set = new NationalSet(options);
var departements = NationalSet.Departements;
using var loader = Client(options.LoaderToken);
using var reader = Client(options.ReaderToken);
Console.WriteLine($"availability synthesis at {options.Base}: {departements.Count} départements x {options.EstablishmentsPerDepartement} EG x {options.LieuxPerEstablishment} lieux = {departements.Count * options.EstablishmentsPerDepartement * options.LieuxPerEstablishment} critical-care lieux");
if (options.Setup)
{
    var setup = Stopwatch.StartNew();
    var total = departements.Count * options.EstablishmentsPerDepartement;
    await set.SeedAsync(loader, done =>
    {
        if (done % 50 == 0 || done == total) Console.WriteLine($"  {done}/{total} EG published with their capacity ({setup.Elapsed.TotalSeconds:F0} s)");
    });
    Console.WriteLine($"set up through the write paths in {setup.Elapsed.TotalSeconds:F1} s");
}

// The async projection must have caught up before measuring.
var expected = departements.Count * options.EstablishmentsPerDepartement * options.LieuxPerEstablishment;
var waited = Stopwatch.StartNew();
while (true)
{
    using var grid = System.Text.Json.JsonDocument.Parse(await reader.GetStringAsync("/api/availability"));
    var all = grid.RootElement.GetProperty("totals").GetProperty("all");
    var units = all.GetProperty("units").GetInt32() + all.GetProperty("stale").GetProperty("units").GetInt32();
    var fresh = all.GetProperty("units").GetInt32();
    if (units >= expected && fresh >= expected) { Console.WriteLine($"the synthesis counts {units} units, {fresh} fresh"); break; }
    if (waited.Elapsed > TimeSpan.FromMinutes(5)) { Console.WriteLine($"after 5 min the synthesis counts {units} units, {fresh} fresh, of {expected}"); break; }
    await Task.Delay(500);
}

string[] Each(string format) => departements.Select(d => string.Format(format, d.Code)).ToArray();
var scenarios = new (string Name, IReadOnlyList<string> Paths)[]
{
    ("grid, national", ["/api/availability"]),
    ("grid, one région", departements.Select(d => d.RegionCode).Distinct().Select(r => $"/api/availability?region={r}").ToList()),
    ("grid, national, freshness=12", ["/api/availability?freshness=12"]),
    ("units, one département", Each("/api/availability/units?departement={0}")),
    ("units, national", ["/api/availability/units"]),
};
foreach (var connections in options.Connections)
    foreach (var (name, paths) in scenarios)
        Console.WriteLine(await LoadRun.RunAsync(reader, name, paths, connections, options.Duration));

var delays = (await PatchDelay.MeasureAsync(loader, reader, set, options.Probes)).Order().ToList();
Console.WriteLine($"capacity change -> /api/availability/units: {delays.Count} probes, p50 {LoadRun.Percentile(delays, 0.5):F0} ms, p99 {LoadRun.Percentile(delays, 0.99):F0} ms, max {delays[^1]:F0} ms");
return 0;
