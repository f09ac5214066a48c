using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using BenchGenerator;
using BenchGenerator.Planning;
using BenchGenerator.Stages;

// build/bench runs this on an empty repository served by a running host; see readme-gen / README "The national generator".
Options options;
ProcessCpu? cpu;
try
{
    options = Options.Parse(args);
    cpu = ProcessCpu.Parse(options.Cpu);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine($"bench-generator: {e.Message}\n{Options.Usage}");
    return 2;
}

var total = Stopwatch.StartNew();
var plan = NationalPlan.Build(options.Seed, options.Scale);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"plan (seed {plan.Seed}, scale {plan.Scale}): {plan.EJs.Count:N0} EJ, {plan.EGs.Count:N0} EG, {plan.UOCount:N0} UO, {plan.LieuCount:N0} lieux, " +
    $"{plan.IndicatorCount:N0} capacity indicators, {plan.EGs.Select(e => e.Commune.DepartementCode).Distinct().Count()} départements, " +
    $"{plan.EGs.Select(e => e.Commune.RegionCode).Distinct().Count()} régions (drawn in {total.Elapsed.TotalSeconds:F1} s)"));
Console.WriteLine("  EG kinds: " + string.Join(", ", plan.EGs.GroupBy(e => e.Kind.Name).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}")));
Console.WriteLine("  UO activities: " + string.Join(", ", plan.EGs.SelectMany(e => e.UOs).GroupBy(u => u.Kind.Short).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}")));
if (options.PlanOnly) return 0;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency + options.Suppliers + 4, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
HttpClient Client(string token) => new(handler, disposeHandler: false)
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromMinutes(10),
    DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
};
try
{
    await HostReady.WaitAsync(options.Url, TimeSpan.FromSeconds(60), cancellation.Token);
    var ids = new[] { "bench-loader" }.Concat(Enumerable.Range(1, options.Suppliers).Select(s => $"bench-supplier-{s:D2}")).ToList();
    var tokens = await Task.WhenAll(ids.Select(id => Tokens.ForAsync(id, cancellation.Token)));
    var clients = new GeneratorClients(Client(tokens[0]), tokens.Skip(1).Select(Client).ToList());
    var results = await Generator.RunAsync(plan, clients, new GeneratorSettings(options.Concurrency, options.BundleSize, Cpu: cpu), Console.Error, cancellation.Token);
    Summary.Print(Console.Out, plan, results, total.Elapsed);
    if (options.Report is { } report) await File.WriteAllTextAsync(report, JsonSerializer.Serialize(Summary.Json(plan, results, total.Elapsed), new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}
catch (GenerationFailed failed)
{
    Console.Error.WriteLine($"\nbench-generator: failed: {failed.Message}\nRun it again with the same options to resume (finished EGs are skipped).");
    return 1;
}
catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or TimeoutException)
{
    Console.Error.WriteLine($"\nbench-generator: failed: {e.GetType().Name}: {e.Message}\nRun it again with the same options to resume (finished EGs are skipped).");
    return 1;
}
