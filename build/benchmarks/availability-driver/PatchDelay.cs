using System.Diagnostics;
using System.Text;
using System.Text.Json;

using CapacityIngest;

namespace AvailabilityBenchmark;

/// <summary>
/// The delay from a capacity change to the synthesis showing it: one lieu's available beds set
/// to a new count (women: the count, men: 0) by a transaction Bundle (as a supplier sends it), then
/// GET /api/availability/units?departement=... polled every 5 ms until the unit's available
/// figure is the new count. Probes one after the other, on lieux taken across the départements.
/// </summary>
public static class PatchDelay
{
    public static async Task<IReadOnlyList<double>> MeasureAsync(HttpClient supplier, HttpClient reader, NationalSet set, int probes)
    {
        var lieux = set.Establishments().SelectMany(eg => eg.Zones.Select(zone => (eg.Departement, eg.Finess, Zone: zone))).ToList();
        var delays = new List<double>();
        for (var p = 0; p < probes; p++)
        {
            var (departement, finess, zone) = lieux[p * 7919 % lieux.Count];
            var unitId = $"{finess}-lieu-{zone[^3..]}";
            var expected = ((await AvailableAsync(reader, departement, unitId)) ?? 0) + 1;
            // Indicators 1 and 2: available now, for women and for men.
            var body = Indicators.Transaction([(zone, 1, expected), (zone, 2, 0)], add: false, DateTimeOffset.UtcNow);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir") { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
            request.Headers.Add("Prefer", "return=minimal");
            using var response = await supplier.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var answered = Stopwatch.StartNew();
            while (await AvailableAsync(reader, departement, unitId) != expected)
            {
                if (answered.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{unitId}: the change did not show within 30 s");
                await Task.Delay(5);
            }
            delays.Add(answered.Elapsed.TotalMilliseconds);
        }
        return delays;
    }

    /// <summary>The unit's available figure.</summary>
    private static async Task<int?> AvailableAsync(HttpClient reader, string departement, string unitId)
    {
        using var json = JsonDocument.Parse(await reader.GetStringAsync($"/api/availability/units?departement={departement}"));
        foreach (var unit in json.RootElement.GetProperty("units").EnumerateArray())
        {
            if (unit.GetProperty("unitId").GetString() != unitId) continue;
            var available = unit.GetProperty("figures").GetProperty("available");
            return available.ValueKind == JsonValueKind.Number ? available.GetInt32() : null;
        }
        throw new InvalidOperationException($"{unitId} is not in the synthesis of département {departement}");
    }
}
