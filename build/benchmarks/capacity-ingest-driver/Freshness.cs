using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CapacityIngest;

/// <summary>
/// From the 200 of a Bundle to its last change being visible: "search" polls
/// GET /fhir/Location?_id={id}&amp;capacity-update-date=ge{the change's date, to the second}
/// (strict handling: an unknown parameter is an error, not a match) until the Location is found
/// at the change's version or later; "read" polls GET /fhir/Location/{id} for that version.
/// At most 8 probes poll at once. A Bundle answered while all 8 poll is not probed (and counted
/// as such): waiting for a free prober would add the driver's own queue to the figure.
/// </summary>
public sealed class Freshness(HttpClient http, string mode, Measurements measurements)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _concurrent = new(8);

    public async Task ProbeAsync(string id, int version, DateTimeOffset date, long answered)
    {
        if (!_concurrent.Wait(0))
        {
            measurements.NotProbed();
            return;
        }
        try
        {
            while (true)
            {
                if (await VisibleAsync(id, version, date))
                {
                    measurements.Fresh(Stopwatch.GetElapsedTime(answered));
                    return;
                }
                if (Stopwatch.GetElapsedTime(answered) > Patience)
                {
                    measurements.NeverFresh();
                    return;
                }
                await Task.Delay(5);
            }
        }
        finally
        {
            _concurrent.Release();
        }
    }

    private async Task<bool> VisibleAsync(string id, int version, DateTimeOffset date)
    {
        var second = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, mode == "read"
            ? $"/fhir/Location/{id}"
            : $"/fhir/Location?_id={id}&capacity-update-date=ge{second}");
        request.Headers.Add("Prefer", "handling=strict");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var location = json.RootElement;
        if (mode != "read")
        {
            if (!location.TryGetProperty("entry", out var entries) || entries.GetArrayLength() == 0) return false;
            location = entries[0].GetProperty("resource");
        }
        return location.TryGetProperty("meta", out var meta) && meta.TryGetProperty("versionId", out var versionId)
            && int.Parse(versionId.GetString()!, CultureInfo.InvariantCulture) >= version;
    }
}
