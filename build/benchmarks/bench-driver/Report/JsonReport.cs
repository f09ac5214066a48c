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
            rows,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Options));
    }
}
