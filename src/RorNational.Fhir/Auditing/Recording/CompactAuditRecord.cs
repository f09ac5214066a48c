using System.Text.Json;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Http;

namespace RorNational.Fhir.Auditing.Recording;

/// <summary>
/// What the audit chain stores of a read: not the BALP AuditEvent (about 2 KB) but the few facts
/// it is made of that the chain's other columns do not hold already, as a small JSON object in
/// <c>content</c>: the client's name, the caller's profile (code and name, as they were), both
/// network addresses, the X-Request-Id, a search's raw query, an /api path. The id, the time
/// (<c>recorded</c>), the client id (<c>agent</c>), the interaction (<c>subtype</c>) and the
/// versions returned (the versioned references among <c>entities</c>, in order) are columns.
/// The AuditEvent is rendered from the row when it is read (<see cref="Render"/>), always the
/// same bytes for the same row: the chain's hash covers every column, so it covers what is
/// served, and a row altered in SQL is caught by <c>$verify-integrity</c> as before.
/// </summary>
public static class CompactAuditRecord
{
    /// <summary>The columns <see cref="Render"/> reads, for a select list (table alias <c>a</c>).</summary>
    public const string Columns = "a.recorded, a.subtype, a.agent, a.entities, a.content";

    public static string Write(ReadContext caller, AuditedRead read) => BundleJson.Write(json =>
    {
        json.WriteStartObject();
        if (!string.IsNullOrEmpty(caller.ClientName)) json.WriteString("clientName", caller.ClientName);
        json.WriteString("profileCode", caller.Profile.Code);
        json.WriteString("profileName", caller.Profile.Name);
        if (caller.ClientAddress is { } client) json.WriteString("clientAddress", client);
        json.WriteString("serverAddress", caller.ServerAddress);
        if (caller.RequestId is { } requestId) json.WriteString("requestId", requestId);
        if (read.RawQuery is { } query) json.WriteString("query", query);
        if (read.ApiPath is { } path) json.WriteString("apiPath", path);
        json.WriteEndObject();
    });

    /// <summary>The BALP AuditEvent of a stored row, as <see cref="AuditEventContent"/> writes it.</summary>
    public static string Render(string id, DateTimeOffset recorded, string subtype, string agent, IReadOnlyList<string> entities, string content)
    {
        using var compact = JsonDocument.Parse(content);
        var facts = compact.RootElement;
        // A row recorded before records were compact holds its AuditEvent as served.
        if (facts.TryGetProperty("resourceType", out _)) return content;
        string? Optional(string name) => facts.TryGetProperty(name, out var value) ? value.GetString() : null;
        var profile = new AccessProfile("", Optional("profileCode") ?? "", Optional("profileName") ?? "", []);
        var caller = new ReadContext(agent, Optional("clientName"), profile, Optional("clientAddress"), Optional("serverAddress") ?? "", Optional("requestId"));
        var returned = entities.Where(e => e.Contains("/_history/", StringComparison.Ordinal)).Select(Returned).ToList();
        var read = new AuditedRead(subtype, "", returned, RawQuery: Optional("query")) { ApiPath = Optional("apiPath") };
        return AuditEventContent.Write(id, recorded, read, caller);
    }

    /// <summary>A row as selected with <see cref="Columns"/> after its position and id (columns 0 and 1).</summary>
    public static string Render(Npgsql.NpgsqlDataReader row, int from = 2) => Render(row.GetString(from - 1), row.GetFieldValue<DateTimeOffset>(from),
        row.GetString(from + 1), row.GetString(from + 2), row.GetFieldValue<string[]>(from + 3), row.GetString(from + 4));

    private static ReturnedResource Returned(string versionedReference)
    {
        var parts = versionedReference.Split('/');
        return new ReturnedResource(parts[0], parts[1], long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture), []);
    }
}
