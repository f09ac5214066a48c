using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Bench.Workloads;

/// <summary>
/// The _lastUpdated delta: HealthcareService?_lastUpdated=ge{since}&amp;_sort=_lastUpdated&amp;_count=1000,
/// since chosen (by SQL) so that about 10,000 UO changed after it (all of them when fewer), paged
/// through by following the host's next links; the floor server and pgbench read the same pages
/// by keyset from the same index table. Each request is one page.
/// </summary>
public static class DeltaPages
{
    private const int Results = 10_000;
    private const int PageSize = 1_000;

    public static async Task<SearchKind> BuildAsync(Context context, string token)
    {
        await using var data = NpgsqlDataSource.Create(context.ConnectionString);
        var since = await SinceAsync(data);
        var sinceText = since.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var sinceTruncated = DateTime.ParseExact(sinceText, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var hostPages = await HostPagesAsync(context, token, $"/fhir/HealthcareService?_lastUpdated=ge{sinceText}&_sort=_lastUpdated&_count={PageSize}");
        var keys = await PageStartsAsync(data, sinceTruncated, hostPages.Count);
        var values = keys.Select(k => SearchKinds.Values(("since", sinceText), ("after_updated", k.Updated), ("after_id", k.Id))).ToList();
        return new SearchKind($"_lastUpdated delta, {hostPages.Count} pages of {PageSize}", "delta", false, token, hostPages,
            [.. values.Select(v => $"/floor/delta?since={SearchKinds.Escape(v["since"])}&after_updated={SearchKinds.Escape(v["after_updated"])}&after_id={SearchKinds.Escape(v["after_id"])}")],
            values);
    }

    private static async Task<DateTime> SinceAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand($"""
            select coalesce(
              (select last_updated from ror.fhir_search_resource where resource_type = 'HealthcareService' order by last_updated desc, id desc offset {Results - 1} limit 1),
              (select min(last_updated) from ror.fhir_search_resource where resource_type = 'HealthcareService'),
              now())
            """);
        return ((DateTime)(await command.ExecuteScalarAsync())!).ToUniversalTime();
    }

    /// <summary>The keyset start of each page: the first page after (since - 1 µs, ''), then after the last row of the page before.</summary>
    private static async Task<List<(string Updated, string Id)>> PageStartsAsync(NpgsqlDataSource data, DateTime since, int pages)
    {
        var starts = new List<(string, string)> { (Format(since.AddTicks(-10)), "") };
        await using var command = data.CreateCommand(
            "select last_updated, id from ror.fhir_search_resource where resource_type = 'HealthcareService' and last_updated >= @since order by last_updated, id");
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync();
        for (var row = 1; starts.Count < pages && await reader.ReadAsync(); row++)
            if (row % PageSize == 0) starts.Add((Format(reader.GetDateTime(0)), reader.GetString(1)));
        return starts;
    }

    private static string Format(DateTime instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static async Task<List<string>> HostPagesAsync(Context context, string token, string first)
    {
        var pages = new List<string>();
        for (var path = first; path is not null && pages.Count * PageSize < Results;)
        {
            pages.Add(path);
            using var bundle = JsonDocument.Parse(await context.Host.GetTextAsync(path, token));
            path = bundle.RootElement.TryGetProperty("link", out var links)
                ? links.EnumerateArray().Where(l => l.GetProperty("relation").GetString() == "next").Select(l => new Uri(l.GetProperty("url").GetString()!).PathAndQuery).FirstOrDefault()
                : null;
        }
        return pages;
    }
}
