using System.Net;
using System.Text;
using CapacityIngest;

namespace Bench.Workloads;

/// <summary>
/// Gives each lieu the five indicators the suppliers replace (Indicators): the whole group
/// replaced in one Bundle when they are all there (a run before this one), else each indicator
/// replaced or, on 404, added, since generated data may hold some of them and not others.
/// </summary>
public static class IndicatorSetup
{
    public static async Task EnsureAsync(HttpClient supplier, IReadOnlyList<string> zones)
    {
        foreach (var group in zones.Chunk(10))
        {
            var all = group.SelectMany(zone => Enumerable.Range(0, Indicators.PerLieu).Select(k => (zone, k, 1))).ToList();
            if (await SendAsync(supplier, all, add: false) == HttpStatusCode.OK) continue;
            foreach (var change in all)
            {
                var status = await SendAsync(supplier, [change], add: false);
                if (status == HttpStatusCode.NotFound) status = await SendAsync(supplier, [change], add: true);
                if (status != HttpStatusCode.OK) throw new InvalidOperationException($"the indicator {change.k} of {change.zone} could not be set: {(int)status}");
            }
        }
    }

    public static async Task<HttpStatusCode> SendAsync(HttpClient supplier, List<(string Zone, int Indicator, int Count)> changes, bool add)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir")
        {
            Content = new StringContent(Indicators.Transaction(changes, add, DateTimeOffset.UtcNow), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add("Prefer", "return=minimal");
        using var response = await supplier.SendAsync(request);
        await response.Content.ReadAsStringAsync();
        return response.StatusCode;
    }
}
