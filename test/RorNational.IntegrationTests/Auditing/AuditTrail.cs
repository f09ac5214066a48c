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
    /// X-Request-Id: those in the chain, then those still in its intake (committed, not yet
    /// linked). One statement, so one snapshot: a record the linker moves meanwhile is seen once,
    /// on one side or the other.
    /// </summary>
    public static async Task<List<JsonObject>> RecordedFor(string connectionString, string requestId)
    {
        var marker = $"\"requestId\":\"{requestId}\"";
        var rows = await Sql.Rows(connectionString,
            $"select a.position, a.id, {CompactAuditRecord.Columns}, null::text as intake, 0 as side from {AuditChainTable.QualifiedName("ror")} a " +
            "where a.kind = 'AuditEvent' and a.content like '%' || $1 || '%' " +
            $"union all select i.seq, null, null, null, null, null, null, i.record, 1 from {AuditIntakeTable.QualifiedName("ror")} i " +
            "order by side, 1",
            row => row.IsDBNull(7) ? CompactAuditRecord.Render(row) : Rendered(IntakeRecord.Read(row.GetString(7)), marker),
            marker);
        return [.. rows.OfType<string>().Select(json => JsonNode.Parse(json)!.AsObject())];
    }

    /// <summary>An intake record as its AuditEvent, when it is one for that request (else null).</summary>
    private static string? Rendered(ChainedRecord record, string marker) =>
        record.Kind == ReadAudit.Kind && record.Content.Contains(marker, StringComparison.Ordinal)
            ? CompactAuditRecord.Render(record.Id, record.Recorded, record.Subtype, record.Agent, record.Entities, record.Content)
            : null;

    /// <summary>Links into the chain every record its intake holds (as a read of the chain does first).</summary>
    public static Task Linked(RorNationalApp app) =>
        app.Services.GetRequiredService<ChainLinker>().CatchUpAsync(CancellationToken.None);

    /// <summary>
    /// GET /fhir/AuditEvent/$verify-integrity as this auditor: a 200 with a Parameters, its
    /// parameters by name (intact, checked, and for a broken chain position, record, reason).
    /// </summary>
    public static async Task<Dictionary<string, JsonNode?>> Integrity(HttpClient auditor)
    {
        var response = await auditor.GetAsync("/fhir/AuditEvent/$verify-integrity");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        var parameters = JsonNode.Parse(body)!.AsObject();
        Assert.That(parameters["resourceType"]!.GetValue<string>(), Is.EqualTo("Parameters"));
        return parameters["parameter"]!.AsArray().ToDictionary(
            p => p!["name"]!.GetValue<string>(),
            p => p!.AsObject().Where(e => e.Key.StartsWith("value", StringComparison.Ordinal)).Select(e => e.Value).Single());
    }

    /// <summary><see cref="Integrity(HttpClient)"/> as the tests' auditor client of this host.</summary>
    public static Task<Dictionary<string, JsonNode?>> Integrity(RorNationalApp app) => Integrity(app.ClientFor(TestClients.Auditor));

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
