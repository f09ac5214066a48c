using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Benchmarks;

/// <summary>
/// build/bench --smoke, as a newcomer runs it: its own cluster, host, floor server and driver,
/// each workload for about a second. It proves the harness works, not that targets are met: the
/// table and the JSON must hold a row for every workload and none broken, and the run must stop
/// everything it started. Bounded: past the timeout the process tree is killed and its cluster
/// stopped. Everything lives in a temporary folder removed at the end, on free ports. It runs
/// beside another fixture (not alone at the end): it times nothing it asserts on, and alone it
/// added its six minutes to the suite's.
/// </summary>
[TestFixture, Category("BenchSmoke")]
public sealed class the_benchmark_suite_smoke
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);
    private static readonly string[] Workloads = ["1 read by id", "2 ", "3 capacity ingest", "4 crisis mix", "5 projection rebuild", "5 projection rebuild: floor (COPY)", "6 $description", "7 soak", "memory:"];

    [Test]
    public async Task runs_every_workload_and_writes_one_table_and_its_json()
    {
        var folder = Directory.CreateTempSubdirectory("rornational-bench-smoke-");
        // The cluster runs as the postgres user when the tests run as root: it must reach the folder.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var results = Path.Combine(folder.FullName, "results");
        var port = FreePortPair();
        try
        {
            var (exitCode, output, timedOut) = await RunAsync(
                // Every workload, and a soak of 3 s (six windows of half a second) to prove the soak's harness too;
                // the crisis mix's searches at a fixed rate.
                ["--smoke", "--soak", "3s", "--mix-search-rate", "4", "--workloads", "1,2,3,4,5,6,7,8", "--port", port.ToString(), "--db-port", FreePort().ToString(), "--dir", Path.Combine(folder.FullName, "bench"), "--results", results]);

            Assert.That(timedOut, Is.False, $"build/bench --smoke did not end within {Timeout}:\n{Tail(output)}");
            Assert.That(exitCode, Is.EqualTo(0), $"build/bench --smoke broke:\n{Tail(output)}");
            Assert.That(output, Does.Contain("| workload | throughput | p50 ms | p95 ms | p99 ms | ratio to limits | target | pass/fail |"));
            foreach (var workload in Workloads) Assert.That(output, Does.Contain("| " + workload), $"no row for {workload} in the table:\n{Tail(output)}");

            var json = Directory.GetFiles(results, "*-smoke.json");
            Assert.That(json, Has.Length.EqualTo(1), "one JSON report");
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json[0]));
            var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
            foreach (var workload in Workloads)
                Assert.That(rows.Any(r => r.GetProperty("workload").GetString()!.StartsWith(workload, StringComparison.Ordinal)), $"no row for {workload} in the JSON");
            Assert.That(rows.Where(r => r.GetProperty("error").ValueKind != JsonValueKind.Null).Select(r => r.GetProperty("workload").GetString()), Is.Empty);
            Assert.That(File.Exists(Path.ChangeExtension(json[0], ".md")), "the table as Markdown beside the JSON");
            var mix = rows.Single(r => r.GetProperty("workload").GetString() == "4 crisis mix: searches under ingest");
            Assert.That(mix.GetProperty("details").GetString(), Does.Contain("open loop at 4/s").And.Contain("at --mix-search-rate"));

            Assert.That(Listening(port) || Listening(port + 1), Is.False, "the host and the floor server are stopped");
            Assert.That(File.Exists(Path.Combine(folder.FullName, "bench", "postgres", "data", "postmaster.pid")), Is.False, "the cluster is stopped");
        }
        finally
        {
            await StopClusterAsync(Path.Combine(folder.FullName, "bench", "postgres"));
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestPostgres.RepositoryRoot(), "build", "bench"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await output + await error, false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await output + await error, true);
        }
    }

    private static async Task StopClusterAsync(string cluster)
    {
        if (!File.Exists(Path.Combine(cluster, "data", "postmaster.pid"))) return;
        await Scripts.RunAsync("build/postgres", "stop", cluster);
    }

    private static string Tail(string output) => output.Length > 4000 ? output[^4000..] : output;

    /// <summary>
    /// A free port below the kernel's ephemeral range. A port the kernel handed out for a moment
    /// (port 0) goes back to that range, where any outgoing connection of the tests running beside
    /// this one may take it before build/bench binds it: the floor server then failed to start.
    /// </summary>
    private static int FreePort(int count = 1)
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Math.Max(1024, below / 2), below - count);
            if (Enumerable.Range(port, count).All(CanBind)) return port;
        }
        throw new InvalidOperationException($"no {count} consecutive free ports below {below}");
    }

    /// <summary>A port whose next one is free too (the host, then the floor server).</summary>
    private static int FreePortPair() => FreePort(count: 2);

    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            ? start : 32768;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
