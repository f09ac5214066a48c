using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Finess;

/// <summary>FINESS imports driven on real host processes, and what they left in the database.</summary>
internal static class ImportsOnHostProcesses
{
    /// <summary>A client with the admin right (FINESS imports).</summary>
    public static HttpClient Importer(this HostProcess host) =>
        host.Client(new ForgedToken { ClientId = "samples-loader", Lifetime = TimeSpan.FromMinutes(30) }.Sign());

    /// <summary>Posts the extract; gives the import's location.</summary>
    public static async Task<string> Post(this HttpClient client, byte[] extract)
    {
        var response = await client.PostAsync("/api/finess/imports",
            new ByteArrayContent(extract) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString();
    }

    /// <summary>Polls the import until the condition holds, at most <paramref name="timeout"/>.</summary>
    public static async Task<JsonObject> WaitFor(this HttpClient client, string location, Func<JsonObject, bool> condition, TimeSpan timeout,
        string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? report = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                report = JsonNode.Parse(await client.GetStringAsync(location))!.AsObject();
                if (condition(report)) return report;
            }
            catch (HttpRequestException)
            {
                // A node still starting.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{what}: not after {timeout.TotalSeconds} s; last report {report?.ToJsonString()}");
    }

    public static bool HasEnded(JsonObject report) => report["status"]!.GetValue<string>() != "Running";

    /// <summary>Each establishment stream (EJ and EG) and the types of its events, in order.</summary>
    public static async Task<SortedDictionary<string, string>> EventsPerStream(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "select stream_id, string_agg(type, ',' order by version) from ror.mt_events " +
            "where stream_id like 'eg-%' or stream_id like 'ej-%' group by stream_id", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var streams = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) streams[reader.GetString(0)] = reader.GetString(1);
        return streams;
    }

    public static async Task<long> StoredExtractChunks(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select count(*) from ror.finess_extract_chunks", connection);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
