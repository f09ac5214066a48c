using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Bench.Report;
using Npgsql;

namespace Bench.Workloads;

/// <summary>
/// Workload 8: the whole repository through Bulk Data <c>$export</c> (README "Bulk export"), for
/// the crisis profile (files as stored) and the public one (every resource redacted): kick-off to
/// manifest in resources/s, then the download of every file in MB/s. The floor: the same rows
/// read from PostgreSQL by a bare Npgsql reader in one snapshot (what any export must at least do).
/// The host's peak resident memory is in the row (sampled through the workload).
/// </summary>
public static class BulkExport
{
    private static readonly string[] Tables =
        ["mt_doc_organizationdocument", "mt_doc_healthcareservicedocument", "mt_doc_locationdocument", "mt_doc_practitionerroledocument", "mt_doc_practitionerdocument"];

    public static async Task<IReadOnlyList<Row>> RunAsync(Context context)
    {
        var (floorRows, floorSeconds) = await FloorAsync(context.ConnectionString);
        var floorRate = floorRows / Math.Max(floorSeconds, 1e-3);
        var rows = new List<Row>();
        // Warm-up: the host's first export compiles its generated code (Development builds) and fills its caches.
        await ExportAsync(context.Host.WithToken(context.Tokens.Of("bench-crisis")), "/fhir/$export?_type=Practitioner");
        foreach (var client in new[] { "bench-crisis", "bench-public" })
        {
            var http = context.Host.WithToken(context.Tokens.Of(client));
            var clock = Stopwatch.StartNew();
            var manifest = await ExportAsync(http, "/fhir/$export");
            var exportSeconds = clock.Elapsed.TotalSeconds;
            var outputs = manifest["output"]!.AsArray().Select(o => o!.AsObject()).ToList();
            var resources = outputs.Sum(o => o["count"]!.GetValue<long>());
            var download = Stopwatch.StartNew();
            long bytes = 0;
            foreach (var output in outputs)
            {
                using var response = await http.GetAsync(output["url"]!.GetValue<string>(), HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0) bytes += read;
            }
            var downloadSeconds = download.Elapsed.TotalSeconds;
            var rate = resources / Math.Max(exportSeconds, 1e-3);
            rows.Add(new Row($"8 $export ({client[6..]})", rate, "resources/s", double.NaN, double.NaN, double.NaN,
                $"{rate / floorRate:P0} of a bare read", "", null, 0,
                $"{resources:N0} resources in {outputs.Count} files, kick-off to manifest {exportSeconds:F1} s (polled every 250 ms); " +
                $"download {bytes / 1e6:F1} MB in {downloadSeconds:F1} s ({bytes / 1e6 / Math.Max(downloadSeconds, 1e-3):F0} MB/s); " +
                $"floor: {floorRows:N0} rows read by Npgsql in {floorSeconds:F2} s ({floorRate:N0} rows/s)"));
        }
        return rows;
    }

    private static async Task<JsonObject> ExportAsync(HttpClient http, string url)
    {
        using var kickOff = new HttpRequestMessage(HttpMethod.Get, url);
        kickOff.Headers.Add("Prefer", "respond-async");
        using var accepted = await http.SendAsync(kickOff);
        if (accepted.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"$export kick-off answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
        var status = accepted.Content.Headers.ContentLocation ?? throw new InvalidOperationException("$export kick-off gave no Content-Location");
        var deadline = DateTime.UtcNow.AddHours(1);
        while (DateTime.UtcNow < deadline)
        {
            using var poll = await http.GetAsync(status);
            if (poll.StatusCode == HttpStatusCode.OK) return JsonNode.Parse(await poll.Content.ReadAsStringAsync())!.AsObject();
            if (poll.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests))
                throw new InvalidOperationException($"$export poll answered {(int)poll.StatusCode}: {await poll.Content.ReadAsStringAsync()}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException("$export did not end within an hour");
    }

    /// <summary>Every published resource's JSON, read in one repeatable-read snapshot: rows and seconds.</summary>
    private static async Task<(long Rows, double Seconds)> FloorAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        long rows = 0;
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"select id, data ->> 'Json' from ror.{table}", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetString(1);
                rows++;
            }
        }
        return (rows, clock.Elapsed.TotalSeconds);
    }
}
