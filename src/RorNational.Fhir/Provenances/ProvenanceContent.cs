using System.Text.Json;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Http;
using RorNational.Fhir.Publishing;

namespace RorNational.Fhir.Provenances;

/// <summary>One agent of a write: its client id and its participant type (author, verifier).</summary>
public sealed record ProvenanceAgent(string ClientId, string Type);

/// <summary>
/// The FHIR R4 Provenance of a write, written with a JSON writer (no model, no FHIRPath: it is
/// built on every capacity change): target = the versioned references written, occurredDateTime
/// = the business time, recorded = when stored, activity (v3-DataOperation), reason (text),
/// one agent per participant (who = the client id, onBehalfOf = the establishment's
/// Organization), and one entity "revision" per target that had a version before.
/// </summary>
public static class ProvenanceContent
{
    public const string DataOperation = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";
    public const string ParticipantType = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    public static string Write(
        string id, IReadOnlyList<WrittenVersion> targets, DateTimeOffset occurred, DateTimeOffset recorded, string activity,
        IReadOnlyList<ProvenanceAgent> agents, string onBehalfOf, string? reason) => BundleJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("resourceType", "Provenance");
        json.WriteString("id", id);
        json.WriteStartObject("meta");
        json.WriteString("versionId", "1");
        json.WriteString("lastUpdated", BundleJson.Instant(recorded));
        json.WriteEndObject();
        json.WriteStartArray("target");
        foreach (var target in targets) Reference(json, target.Reference);
        json.WriteEndArray();
        json.WriteString("occurredDateTime", BundleJson.Instant(occurred));
        json.WriteString("recorded", BundleJson.Instant(recorded));
        if (!string.IsNullOrEmpty(reason))
        {
            json.WriteStartArray("reason");
            json.WriteStartObject();
            json.WriteString("text", reason);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartObject("activity");
        Coding(json, DataOperation, activity, activity switch { "CREATE" => "create", "DELETE" => "delete", _ => "revise" });
        json.WriteEndObject();
        json.WriteStartArray("agent");
        foreach (var agent in agents)
        {
            json.WriteStartObject();
            json.WriteStartObject("type");
            Coding(json, ParticipantType, agent.Type, agent.Type == "verifier" ? "Verifier" : "Author");
            json.WriteEndObject();
            json.WriteStartObject("who");
            json.WriteStartObject("identifier");
            json.WriteString("system", BalpVocabulary.ClientIdSystem);
            json.WriteString("value", agent.ClientId);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WritePropertyName("onBehalfOf");
            Reference(json, onBehalfOf);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        var revisions = targets.Where(t => t.Previous is not null).ToList();
        if (revisions.Count > 0)
        {
            json.WriteStartArray("entity");
            foreach (var target in revisions)
            {
                json.WriteStartObject();
                json.WriteString("role", "revision");
                json.WritePropertyName("what");
                Reference(json, target.Previous!);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    });

    private static void Reference(Utf8JsonWriter json, string reference)
    {
        json.WriteStartObject();
        json.WriteString("reference", reference);
        json.WriteEndObject();
    }

    private static void Coding(Utf8JsonWriter json, string system, string code, string display)
    {
        json.WriteStartArray("coding");
        json.WriteStartObject();
        json.WriteString("system", system);
        json.WriteString("code", code);
        json.WriteString("display", display);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
