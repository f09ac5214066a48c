using System.Diagnostics;
using Bench;
using Bench.Discovery;
using Bench.Host;
using Bench.Http;
using Bench.Limits;
using Bench.Report;
using Bench.Workloads;
using Npgsql;

// build/bench runs this once the database, the host and the floor server are up; see build/bench.
// Exit code: 0 when every workload ran (whatever its targets), 1 when the harness broke, 2 on bad options.
Settings settings;
try { settings = Settings.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"bench-driver: {e.Message}");
    return 2;
}
var clock = Stopwatch.StartNew();
var machine = Machine.AtStart();
var connectionString = new NpgsqlConnectionStringBuilder(settings.Database) { MaxPoolSize = 64 }.ConnectionString;
var ids = await IdQueries.FindAsync(connectionString, settings.Smoke ? 50 : 200);
Console.Error.WriteLine($"bench: found by SQL: {ids.Summary}");

using var host = new Server(settings.Host);
using var floor = new Server(settings.Floor);
var context = new Context(settings, ids, new Tokens(settings.TokensFolder), host, floor, new Pgbench(settings.PgBin, connectionString), connectionString);
var resources = new Resources(settings.HostPid, settings.PostmasterPid);
var workloads = new (int Number, string Name, Func<Context, Task<IReadOnlyList<Row>>> Run)[]
{
    (1, "read by id", ReadById.RunAsync),
    (2, "guide searches", GuideSearches.RunAsync),
    (3, "capacity ingest", CapacityIngestWorkload.RunAsync),
    (4, "crisis mix", CrisisMix.RunAsync),
    (6, "$description as of an instant", DescriptionAsOf.RunAsync),
    (8, "bulk export", BulkExport.RunAsync),
    (5, "projection rebuild", Rebuild.RunAsync), // last: it locks the event table and rewrites the whole publication
    (7, "crisis-day soak", Soak.RunAsync), // only with --soak (build/bench --soak 30m)
};

var rows = new List<Row>();
foreach (var (number, name, run) in workloads.Where(w => settings.Workloads.Contains(w.Number)))
{
    Console.Error.WriteLine($"bench: workload {number}, {name} ({clock.Elapsed.TotalSeconds:F0} s)");
    try
    {
        var (result, maxRss, hostCpu, postgresCpu) = await resources.WatchAsync(() => run(context));
        rows.AddRange(result.Select(r => r with { MaxRssMb = Math.Round(maxRss, 1), HostCpuSeconds = Math.Round(hostCpu.TotalSeconds, 2), PostgresCpuSeconds = Math.Round(postgresCpu.TotalSeconds, 2) }));
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"bench: workload {number} broke: {e}");
        rows.Add(Row.Broken($"{number} {name}", e));
    }
    // Written after each workload too, so that a run stopped midway keeps what it measured.
    await JsonReport.WriteAsync(settings.Results, settings, machine.AtEnd(), ids.Summary, rows, clock.Elapsed);
}
var peak = Math.Max(resources.MaxRssMbOverall, resources.PeakRssMb);
rows.Add(new Row("memory: host resident (VmRSS max)", Math.Round(peak, 1), "MB", double.NaN, double.NaN, double.NaN, "", "< 500 MB", peak < 500, 0,
    "sampled every 100 ms through every workload, and the host's VmHWM"));

var table = Table.Markdown(rows);
Console.WriteLine();
Console.WriteLine($"build/bench, scale {settings.Scale}, seed {settings.Seed}{(settings.Smoke ? ", smoke" : "")}, data: {settings.DataSource}; {machine.AtEnd()}");
Console.WriteLine(table);
await JsonReport.WriteAsync(settings.Results, settings, machine.AtEnd(), ids.Summary, rows, clock.Elapsed);
await File.WriteAllTextAsync(Path.ChangeExtension(settings.Results, ".md"), table);
Console.WriteLine($"written: {settings.Results} and {Path.ChangeExtension(settings.Results, ".md")}");
var broken = rows.Where(r => r.Error is not null || (r.Failures > 0 && !(r.Throughput > 0))).ToList();
foreach (var row in broken) Console.Error.WriteLine($"bench: the harness broke on \"{row.Workload}\": {row.Error ?? $"{row.Failures} failures, nothing succeeded"}");
return broken.Count == 0 ? 0 : 1;
