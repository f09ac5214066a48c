using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CapacityIngest;

/// <summary>
/// One supplier's software: its lieux cut into groups of BundleSize / 5 lieux (one transaction
/// Bundle changes the 5 indicators of each lieu of a group), sent one after the other, each
/// with new counts dated now; after each 200 the freshness probe follows the Bundle's last change.
/// </summary>
public sealed class Supplier(HttpClient http, IReadOnlyList<string> zones, Options options, Measurements measurements, Freshness freshness)
{
    private readonly string[][] _groups = zones.Chunk(options.BundleSize / Indicators.PerLieu).ToArray();
    private readonly Random _random = new();

    /// <summary>Every indicator of every lieu once: replaced when it is there (a run before this one), else added.</summary>
    public async Task<int> InitialiseAsync()
    {
        var changes = 0;
        foreach (var group in _groups)
        {
            var (status, _, body) = await SendAsync(Changes(group), add: false);
            if (status == HttpStatusCode.NotFound) (status, _, body) = await SendAsync(Changes(group), add: true);
            if (status != HttpStatusCode.OK) throw new InvalidOperationException($"the initial capacity was refused ({(int)status}): {body}");
            changes += group.Length * Indicators.PerLieu;
        }
        return changes;
    }

    /// <summary>Bundles until the deadline; refused ones are counted, not retried.</summary>
    public async Task RunAsync(DateTimeOffset deadline, List<Task> probes)
    {
        for (var next = 0; DateTimeOffset.UtcNow < deadline; next = (next + 1) % _groups.Length)
        {
            var changes = Changes(_groups[next]);
            var started = Stopwatch.GetTimestamp();
            var (status, at, body) = await SendAsync(changes, add: false);
            var answered = Stopwatch.GetTimestamp();
            if (status != HttpStatusCode.OK)
            {
                measurements.Refused(status, body);
                continue;
            }
            measurements.Accepted(changes.Count, Stopwatch.GetElapsedTime(started, answered));
            if (LastLocation(body) is { } location) probes.Add(freshness.ProbeAsync(location.Id, location.Version, at, answered));
        }
    }

    private List<(string Zone, int Indicator, int Count)> Changes(string[] group) =>
        group.SelectMany(zone => Enumerable.Range(0, Indicators.PerLieu).Select(indicator => (zone, indicator, _random.Next(0, 30)))).ToList();

    private async Task<(HttpStatusCode Status, DateTimeOffset At, string Body)> SendAsync(List<(string, int, int)> changes, bool add)
    {
        var at = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir")
        {
            Content = new StringContent(Indicators.Transaction(changes, add, at), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add("Prefer", "return=minimal");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, at, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The Location and version of the Bundle's last entry (response.location: Location/{id}/_history/{vid}).</summary>
    private static (string Id, int Version)? LastLocation(string body)
    {
        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("entry", out var entries) || entries.GetArrayLength() == 0) return null;
        var last = entries[entries.GetArrayLength() - 1];
        if (!last.TryGetProperty("response", out var response) || !response.TryGetProperty("location", out var location)) return null;
        var parts = location.GetString()!.Split('/');
        return parts.Length >= 4 && int.TryParse(parts[3], out var version) ? (parts[1], version) : null;
    }
}
