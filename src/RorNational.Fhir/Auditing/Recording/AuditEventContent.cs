using System.Text;
using System.Text.Json;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using static RorNational.Fhir.Auditing.Recording.BalpVocabulary;

namespace RorNational.Fhir.Auditing.Recording;

/// <summary>Who read, from where, through which request: what an AuditEvent says of the caller.</summary>
public sealed record ReadContext(string ClientId, string? ClientName, AccessProfile Profile, string? ClientAddress, string ServerAddress, string? RequestId);

/// <summary>
/// The AuditEvent (R4) of one read, shaped like IHE BALP's Read (read, vread: action R, the
/// client as destination 110152, the server as source 110153) or Query (search, history:
/// action E, roles inverted, the raw query in base64): type rest, the restful interaction as
/// subtype, outcome 0, the client identified by its id with its access profile as role, the
/// server as observer, one data entity per version returned (versioned reference, the caller's
/// profile as security label) and the request's X-Request-Id as transaction entity.
/// </summary>
public static class AuditEventContent
{
    public static string Write(string id, DateTimeOffset recorded, AuditedRead read, ReadContext caller) => BundleJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("resourceType", "AuditEvent");
        json.WriteString("id", id);
        json.WriteStartObject("meta");
        json.WriteString("versionId", "1");
        json.WriteString("lastUpdated", BundleJson.Instant(recorded));
        json.WriteStartArray("profile");
        json.WriteStringValue(read.IsQuery ? QueryProfile : ReadProfile);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WritePropertyName("type");
        Coding(json, AuditEventType, "rest", "Restful Operation");
        json.WriteStartArray("subtype");
        Coding(json, RestfulInteraction, read.Subtype, read.Subtype);
        json.WriteEndArray();
        json.WriteString("action", read.IsQuery ? "E" : "R");
        json.WriteString("recorded", BundleJson.Instant(recorded));
        json.WriteString("outcome", "0");
        json.WriteStartArray("agent");
        ClientAgent(json, read, caller);
        ServerAgent(json, read, caller);
        json.WriteEndArray();
        json.WriteStartObject("source");
        json.WriteString("site", caller.ServerAddress);
        json.WriteStartObject("observer");
        json.WriteString("display", ServerName);
        json.WriteEndObject();
        json.WriteStartArray("type");
        Coding(json, SecuritySourceType, "4", "Application Server");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("entity");
        if (caller.RequestId is { } requestId) TransactionEntity(json, requestId);
        if (read.RawQuery is { } query) QueryEntity(json, query);
        foreach (var returned in read.Returned) DataEntity(json, returned, caller.Profile);
        if (read.ApiPath is { } path) ApiEntity(json, path);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void ClientAgent(Utf8JsonWriter json, AuditedRead read, ReadContext caller)
    {
        json.WriteStartObject();
        json.WriteStartObject("type");
        json.WriteStartArray("coding");
        Coding(json, Dicom, read.IsQuery ? SourceRoleId : DestinationRoleId, read.IsQuery ? "Source Role ID" : "Destination Role ID");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("role");
        ProfileConcept(json, caller.Profile);
        json.WriteEndArray();
        json.WriteStartObject("who");
        json.WriteStartObject("identifier");
        json.WriteString("system", ClientIdSystem);
        json.WriteString("value", caller.ClientId);
        json.WriteEndObject();
        if (!string.IsNullOrEmpty(caller.ClientName)) json.WriteString("display", caller.ClientName);
        json.WriteEndObject();
        json.WriteBoolean("requestor", true);
        if (caller.ClientAddress is { } address) Network(json, address);
        json.WriteEndObject();
    }

    private static void ServerAgent(Utf8JsonWriter json, AuditedRead read, ReadContext caller)
    {
        json.WriteStartObject();
        json.WriteStartObject("type");
        json.WriteStartArray("coding");
        Coding(json, Dicom, read.IsQuery ? DestinationRoleId : SourceRoleId, read.IsQuery ? "Destination Role ID" : "Source Role ID");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("who");
        json.WriteString("display", ServerName);
        json.WriteEndObject();
        json.WriteBoolean("requestor", false);
        Network(json, caller.ServerAddress);
        json.WriteEndObject();
    }

    private static void TransactionEntity(Utf8JsonWriter json, string requestId)
    {
        json.WriteStartObject();
        json.WriteStartObject("what");
        json.WriteStartObject("identifier");
        json.WriteString("value", requestId);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WritePropertyName("type");
        Coding(json, BasicAuditEntityType, RequestIdCode, "X-Request-Id");
        json.WriteEndObject();
    }

    private static void QueryEntity(Utf8JsonWriter json, string rawQuery)
    {
        json.WriteStartObject();
        json.WritePropertyName("type");
        Coding(json, EntityType, "2", "System Object");
        json.WritePropertyName("role");
        Coding(json, ObjectRole, "24", "Query");
        json.WriteString("description", Uri.UnescapeDataString(rawQuery.Replace('+', ' ')));
        json.WriteBase64String("query", Encoding.UTF8.GetBytes(rawQuery));
        json.WriteEndObject();
    }

    private static void DataEntity(Utf8JsonWriter json, ReturnedResource returned, AccessProfile profile)
    {
        json.WriteStartObject();
        json.WriteStartObject("what");
        json.WriteString("reference", returned.VersionedReference);
        json.WriteEndObject();
        json.WritePropertyName("type");
        Coding(json, EntityType, "2", "System Object");
        json.WritePropertyName("role");
        Coding(json, ObjectRole, "4", "Domain Resource");
        json.WriteStartArray("securityLabel");
        Coding(json, AccessProfileSystem, profile.Code, profile.Name);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>An /api view is no FHIR resource: the path read is its identifier; nothing of it is redacted (no security label).</summary>
    private static void ApiEntity(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject();
        json.WriteStartObject("what");
        json.WriteStartObject("identifier");
        json.WriteString("system", ApiPathSystem);
        json.WriteString("value", path);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WritePropertyName("type");
        Coding(json, EntityType, "2", "System Object");
        json.WritePropertyName("role");
        Coding(json, ObjectRole, "4", "Domain Resource");
        json.WriteEndObject();
    }

    private static void ProfileConcept(Utf8JsonWriter json, AccessProfile profile)
    {
        json.WriteStartObject();
        json.WriteStartArray("coding");
        Coding(json, AccessProfileSystem, profile.Code, profile.Name);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Network(Utf8JsonWriter json, string address)
    {
        json.WriteStartObject("network");
        json.WriteString("address", address);
        json.WriteString("type", "2");
        json.WriteEndObject();
    }

    private static void Coding(Utf8JsonWriter json, string system, string code, string display)
    {
        json.WriteStartObject();
        json.WriteString("system", system);
        json.WriteString("code", code);
        json.WriteString("display", display);
        json.WriteEndObject();
    }
}
