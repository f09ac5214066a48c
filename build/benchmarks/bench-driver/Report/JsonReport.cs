using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Report;

/// <summary>The same rows as the table, with the run's settings and the machine, as JSON.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static Row Rounded(Row row) => row with
    {
        Throughput = Math.Round(row.Throughput, 2),
        P50 = Math.Round(row.P50, 3),
        P95 = Math.Round(row.P95, 3),
        P99 = Math.Round(row.P99, 3),
    };

    public static async Task WriteAsync(string path, Settings settings, Machine machine, string ids, IReadOnlyList<Row> rows, TimeSpan elapsed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var report = new
        {
            date = DateTimeOffset.UtcNow,
            settings.Scale,
            settings.Seed,
            settings.Smoke,
            dataSource = settings.DataSource,
            seconds = settings.Seconds.TotalSeconds,
            elapsedSeconds = Math.Round(elapsed.TotalSeconds, 1),
            machine,
            ids,
            rows = rows.Select(Rounded),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Options));
    }
}
