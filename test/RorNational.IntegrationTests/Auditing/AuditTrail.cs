using System.Text.Json.Nodes;
using Npgsql;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Auditing.Recording;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>What the tests read of the audit chain directly in PostgreSQL, and requests tagged with an X-Request-Id.</summary>
public static class AuditTrail
{
    /// <summary>The AuditEvents (as rendered from their rows, as served) whose transaction entity is this X-Request-Id.</summary>
    public static async Task<List<JsonObject>> RecordedFor(string connectionString, string requestId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select a.position, a.id, {CompactAuditRecord.Columns} from {AuditChainTable.QualifiedName("ror")} a " +
            "where a.kind = 'AuditEvent' and a.content like '%' || @id || '%' order by a.position", connection);
        command.Parameters.AddWithValue("id", $"\"requestId\":\"{requestId}\"");
        var found = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found.Add(JsonNode.Parse(CompactAuditRecord.Render(reader))!.AsObject());
        return found;
    }

    public static async Task<int> Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>A GET (or other method) carrying a new X-Request-Id; returns the response and the id.</summary>
    public static async Task<(HttpResponseMessage Response, string RequestId)> Send(this HttpClient client, HttpMethod method, string path, HttpContent? body = null)
    {
        var requestId = "test-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Add("X-Request-Id", requestId);
        var response = await client.SendAsync(request);
        return (response, requestId);
    }

    public static Task<(HttpResponseMessage Response, string RequestId)> Get(this HttpClient client, string path) => client.Send(HttpMethod.Get, path);

    /// <summary>The codings of a CodeableConcept or of a Coding, as "system|code".</summary>
    public static string[] Codes(JsonNode? node)
    {
        if (node is not JsonObject concept) return [];
        return concept["coding"] is JsonArray codings
            ? [.. codings.Select(c => $"{c!["system"]}|{c["code"]}")]
            : [$"{concept["system"]}|{concept["code"]}"];
    }
}
