using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Timing;
using Npgsql;

namespace Bench.Limits;

/// <summary>
/// pgbench (PostgreSQL's own load generator, from the server's binaries) running custom script
/// files (-f, prepared statements) against the bench's database: the same rows fetched or written
/// by hand-written SQL, with nothing of .NET in between. Closed loop; latency of every
/// transaction from its log (-l), throughput from its "tps" line.
/// </summary>
public sealed partial class Pgbench(string binaries, string connectionString)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-pgbench-").FullName;

    /// <summary>
    /// Runs the scripts (name and SQL text, each with its weight) at <paramref name="clients"/> clients for a duration or a number of
    /// transactions per client. A timed run in which no transaction completed (its clients were still connecting on a busy machine:
    /// a smoke run's phases are a second long) measured nothing: it runs again, twice as long, up to three times.
    /// </summary>
    public async Task<Measured> RunAsync(string name, IReadOnlyList<(string Script, int Weight)> scripts, int clients, TimeSpan? duration, int? transactionsPerClient = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync($"{name}-{attempt}", scripts, clients, duration, transactionsPerClient);
            }
            catch (NothingProcessed) when (attempt < 3 && duration is not null)
            {
                duration *= 2;
            }
        }
    }

    private sealed class NothingProcessed(string output) : InvalidOperationException($"pgbench processed no transaction: {output}");

    private async Task<Measured> RunOnceAsync(string name, IReadOnlyList<(string Script, int Weight)> scripts, int clients, TimeSpan? duration, int? transactionsPerClient)
    {
        var run = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        var files = scripts.Select((s, i) => { var file = Path.Combine(run, $"script-{i}.sql"); File.WriteAllText(file, s.Script); return $"{file}@{Math.Max(1, s.Weight)}"; }).ToList();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var arguments = new List<string> { "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
            "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username ?? "postgres", "-l", $"--log-prefix={Path.Combine(run, "log")}" };
        arguments.AddRange(transactionsPerClient is { } t ? ["-t", t.ToString(CultureInfo.InvariantCulture)] : ["-T", Math.Max(1, (int)Math.Round(duration!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture)]);
        foreach (var file in files) { arguments.Add("-f"); arguments.Add(file); }
        arguments.Add(builder.Database!);
        var output = await RunProcessAsync(Path.Combine(binaries, "pgbench"), arguments);
        if (Processed().Match(output) is { Success: true } processed && processed.Groups[1].Value == "0") throw new NothingProcessed(output);
        var tps = Tps().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pgbench printed no tps: {output}");
        var latencies = new Latencies();
        var part = latencies.NewPart();
        foreach (var log in Directory.GetFiles(run, "log.*"))
            foreach (var line in File.ReadLines(log))
                Latencies.Record(part, TimeSpan.FromMicroseconds(long.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture)));
        var (p50, p95, p99) = latencies.Percentiles();
        var failed = Failed().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new Measured(latencies.Count, failed, tps, p50, p95, p99, $"pgbench, closed loop, {clients} clients, prepared");
    }

    private static async Task<string> RunProcessAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench exited with {process.ExitCode}: {output}");
        return output;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Processed();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex Failed();
}
