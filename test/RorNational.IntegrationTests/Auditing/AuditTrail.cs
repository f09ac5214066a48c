using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Auditing.Recording;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing;

/// <summary>What the tests read of the audit chain directly in PostgreSQL, and requests tagged with an X-Request-Id.</summary>
public static class AuditTrail
{
    /// <summary>
    /// The AuditEvents (as rendered from their rows, as served) whose transaction entity is this
    /// X-Request-Id: those in the chain, then those still in its intake (committed, not yet linked).
    /// </summary>
    public static async Task<List<JsonObject>> RecordedFor(string connectionString, string requestId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var marker = $"\"requestId\":\"{requestId}\"";
        var found = new List<JsonObject>();
        await using (var command = new NpgsqlCommand(
            $"select a.position, a.id, {CompactAuditRecord.Columns} from {AuditChainTable.QualifiedName("ror")} a " +
            "where a.kind = 'AuditEvent' and a.content like '%' || @id || '%' order by a.position", connection))
        {
            command.Parameters.AddWithValue("id", marker);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) found.Add(JsonNode.Parse(CompactAuditRecord.Render(reader))!.AsObject());
        }
        await using (var intake = new NpgsqlCommand($"select record from {AuditIntakeTable.QualifiedName("ror")} order by seq", connection))
        await using (var reader = await intake.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var record = IntakeRecord.Read(reader.GetString(0));
                if (record.Kind != ReadAudit.Kind || !record.Content.Contains(marker, StringComparison.Ordinal)) continue;
                found.Add(JsonNode.Parse(CompactAuditRecord.Render(record.Id, record.Recorded, record.Subtype, record.Agent, record.Entities, record.Content))!.AsObject());
            }
        return found;
    }

    /// <summary>Links into the chain every record its intake holds (as a read of the chain does first).</summary>
    public static Task Linked(RorNationalApp app) =>
        app.Services.GetRequiredService<ChainLinker>().CatchUpAsync(CancellationToken.None);

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
