using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Limits;
using Bench.Report;

namespace Bench.Workloads;

/// <summary>
/// Workload 5: the host's own command, rebuild-publication (README "Rebuilding the publication
/// from the events"), over every event of the database, with the host running and no write in
/// flight; its events/s from its summary line (its time, without the process's start-up). Its
/// limit is <see cref="RebuildFloor"/>, measured on the tables the command says it rewrote.
/// </summary>
public static partial class Rebuild
{
    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var dll = context.Settings.HostDll;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("rebuild-publication");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = clock.Elapsed;
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"rebuild-publication exited with {process.ExitCode}: {Tail(output)}");
        var summary = Summary().Match(output);
        if (!summary.Success) throw new InvalidOperationException($"rebuild-publication printed no summary: {Tail(output)}");
        var events = long.Parse(summary.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var seconds = double.Parse(summary.Groups[2].Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var rate = events / Math.Max(seconds, 1e-3);
        var tables = Rewritten().Match(output) is { Success: true } listed
            ? listed.Groups[1].Value.Split(", ")
            : throw new InvalidOperationException($"rebuild-publication did not list the tables it rewrote: {Tail(output)}");
        var floor = await RebuildFloor.MeasureAsync(context.ConnectionString, "ror.mt_events", tables);
        var floorRate = events / Math.Max(floor.Elapsed.TotalSeconds, 1e-3);
        return
        [
            new Row("5 projection rebuild", rate, "events/s", double.NaN, double.NaN, double.NaN, $"{Comparison.Format(rate / floorRate)} of floor",
                ">= 20,000 events/s", rate >= 20_000, 0,
                $"{events:N0} events in {seconds:F1} s (process wall clock {wall.TotalSeconds:F1} s): {summary.Value}"),
            new Row("5 projection rebuild: floor (COPY)", floorRate, "events/s", double.NaN, double.NaN, double.NaN, "limit", "", null, 0,
                $"the event log read and the {floor.Tables} rewritten tables ({floor.Bytes / 1e6:F0} MB in binary COPY) loaded into empty twins " +
                $"in {floor.Loading.TotalSeconds:F1} s, then their {floor.Indexes} indexes built in {floor.Indexing.TotalSeconds:F1} s, " +
                $"on {floor.Connections} connections: {floor.Elapsed.TotalSeconds:F1} s"),
        ];
    }

    private static string Tail(string output) => output.Length > 600 ? output[^600..] : output;

    [GeneratedRegex(@"^Rewritten tables: ([^\r\n]+)\.\r?$", RegexOptions.Multiline)]
    private static partial Regex Rewritten();

    [GeneratedRegex(@"Rebuilt the publication from ([\d,]+) events .*? in ([\d.,]+) s[^\r\n]*")]
    private static partial Regex Summary();
}
