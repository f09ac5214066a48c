using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AvailabilityBenchmark;
using FhirReads;

// build/benchmarks/fhir-reads runs this (see that script): the same FHIR reads against several
// hosts of one database that differ only by their audit setting (on, off, on-sync, built-only, acknowledged-only), in short
// runs alternated round after round, so that a machine shared with other work weighs on every
// mode alike; then per workload the median of each mode and the median ratio to "off".
//   --targets on=URL,off=URL[,MODE=URL...] [--rounds 5] [--seconds 8] [--connections 4[,16...]: the rounds at each count in turn]
//   [--workloads recorded-reads,mixed-reads,searches,public-reads,health]
//   [--host-pids on=PID,off=PID] [--postgres-pid PID]: also the CPU time a request costs each host and PostgreSQL,
//   and a warm-up of each host until its JIT has settled (JitSettling)
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
var targets = options["targets"].Split(',').Select(t => t.Split('=', 2)).ToDictionary(t => t[0], t => new Uri(t[1]));
if (!targets.ContainsKey("off") || !targets.ContainsKey("on")) throw new ArgumentException("--targets needs on=URL and off=URL");
var rounds = int.Parse(options.GetValueOrDefault("rounds", "5"), CultureInfo.InvariantCulture);
var seconds = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("seconds", "8"), CultureInfo.InvariantCulture));
var connectionCounts = options.GetValueOrDefault("connections", "4").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
var hostPids = options.GetValueOrDefault("host-pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Split('=', 2))
    .ToDictionary(t => t[0], t => int.Parse(t[1], CultureInfo.InvariantCulture));
var hostCpu = hostPids.ToDictionary(p => p.Key, p => new CpuMeter(p.Value, withChildren: false));
var postgresCpu = options.TryGetValue("postgres-pid", out var postmaster) ? new CpuMeter(int.Parse(postmaster, CultureInfo.InvariantCulture), withChildren: true) : null;
var chosen = options.GetValueOrDefault("workloads", "recorded-reads,mixed-reads,searches,public-reads,health").Split(',');

HttpClient Client(Uri baseUrl, string? tokenVariable) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
{
    BaseAddress = baseUrl,
    Timeout = TimeSpan.FromMinutes(1),
    DefaultRequestHeaders = { Authorization = tokenVariable is null ? null : new AuthenticationHeaderValue("Bearer",
        Environment.GetEnvironmentVariable(tokenVariable) ?? throw new InvalidOperationException(tokenVariable)) },
};
var readers = targets.ToDictionary(t => t.Key, t => Client(t.Value, "BENCH_READER_TOKEN"));
var publics = targets.ToDictionary(t => t.Key, t => Client(t.Value, "BENCH_PUBLIC_TOKEN"));
using var auditor = Client(targets["on"], "BENCH_AUDITOR_TOKEN");

async Task<long> AuditEvents()
{
    using var bundle = JsonDocument.Parse(await auditor.GetStringAsync("/fhir/AuditEvent?_count=1"));
    return bundle.RootElement.GetProperty("total").GetInt64();
}

// Every sample resource; those whose read by the reader is recorded are found by reading each once on "on".
var reads = new List<string>();
foreach (var type in new[] { "Organization", "HealthcareService", "Location" })
{
    using var bundle = JsonDocument.Parse(await readers["off"].GetStringAsync($"/fhir/{type}?_count=200&_elements=id"));
    if (bundle.RootElement.TryGetProperty("entry", out var entries))
        reads.AddRange(entries.EnumerateArray().Select(e => $"/fhir/{type}/{e.GetProperty("resource").GetProperty("id").GetString()}"));
}
var recordedReads = new List<string>();
foreach (var path in reads)
{
    var before = await AuditEvents();
    (await readers["on"].GetAsync(path)).EnsureSuccessStatusCode();
    if (await AuditEvents() > before) recordedReads.Add(path);
}
string[] searches = ["/fhir/HealthcareService?_count=20", "/fhir/Location?_count=20", "/fhir/Organization?_count=20&_revinclude=HealthcareService:organization"];

var workloads = new Dictionary<string, (string What, Dictionary<string, HttpClient> Clients, IReadOnlyList<string> Paths)>
{
    ["recorded-reads"] = ($"reads whose answer is recorded ({recordedReads.Count} resources, reader P1)", readers, recordedReads),
    ["mixed-reads"] = ($"reads of every resource ({reads.Count}, {recordedReads.Count} of them recorded, reader P1)", readers, reads),
    ["searches"] = ($"searches ({searches.Length}, every one recorded, reader P1)", readers, searches),
    ["public-reads"] = ($"the same {reads.Count} reads by a public client (nothing recorded): the floor", publics, reads),
    ["health"] = ("GET /health/ready (one query of the database, nothing recorded): the stack's floor", readers, ["/health/ready"]),
};

Console.WriteLine($"{reads.Count} resources, {recordedReads.Count} of them recorded when read by the reader; " +
    $"{rounds} rounds x {chosen.Length} workloads x {targets.Count} modes, {seconds.TotalSeconds:F0} s each, at {string.Join(" then ", connectionCounts)} connections");
// Warm-up, untimed: every workload on every host once (JIT tiering, connection pools, plans, caches).
foreach (var name in chosen)
    foreach (var mode in targets.Keys)
        await LoadRun.RunAsync(workloads[name].Clients[mode], "warm-up", workloads[name].Paths, connectionCounts[0], TimeSpan.FromSeconds(Math.Min(3, seconds.TotalSeconds)));
// Then each host whose process is known until its JIT has settled (JitSettling), at most a minute and a half.
foreach (var (mode, pid) in hostPids.Where(host => targets.ContainsKey(host.Key)))
{
    var settling = await JitSettling.WarmUpAsync(pid, async () =>
    {
        foreach (var name in chosen)
            await LoadRun.RunAsync(workloads[name].Clients[mode], "warm-up", workloads[name].Paths, connectionCounts[0], TimeSpan.FromSeconds(2));
    }, TimeSpan.FromSeconds(90));
    Console.WriteLine($"host {mode}: {settling}");
}
var summaries = new List<string>();
var recordedBefore = await AuditEvents();
foreach (var connections in connectionCounts)
{
    var results = new List<Summary.Run>();
    for (var round = 1; round <= rounds; round++)
    {
        // Every other round in the reverse order: no mode always follows another.
        var modes = round % 2 == 1 ? targets.Keys.ToList() : targets.Keys.Reverse().ToList();
        foreach (var name in chosen)
        {
            var (_, clients, paths) = workloads[name];
            foreach (var mode in modes)
            {
                var (hostBefore, postgresBefore) = (hostCpu.GetValueOrDefault(mode)?.Milliseconds(), postgresCpu?.Milliseconds());
                var result = await LoadRun.RunAsync(clients[mode], $"round {round} {name} {mode}", paths, connections, seconds);
                // The run's requests and its warm-up (LoadRun reads the first 5 paths once first).
                var requests = result.Requests + result.Failures + Math.Min(5, paths.Count);
                var run = new Summary.Run(name, workloads[name].What, round, mode, result,
                    (hostCpu.GetValueOrDefault(mode)?.Milliseconds() - hostBefore) / requests, (postgresCpu?.Milliseconds() - postgresBefore) / requests);
                results.Add(run);
                Console.WriteLine($"{result}  CPU/req: host {run.HostCpu:F2} ms, PostgreSQL {run.PostgresCpu:F2} ms");
            }
        }
    }
    summaries.Add(Summary.Of(results, connections));
}
Console.WriteLine($"{await AuditEvents() - recordedBefore} AuditEvents recorded during the runs");
foreach (var summary in summaries)
{
    Console.WriteLine();
    Console.WriteLine(summary);
}
return 0;
