using RorNational.Fhir.Auditing.Chain;
using RorNational.Fhir.Http;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>The searchset Bundle of AuditEvents (stored JSON in raw), and the Parameters of a chain check.</summary>
public static class AuditEventBundle
{
    /// <param name="type">The type of the chained records (AuditEvent, Provenance).</param>
    public static string Write(IReadOnlyList<(string Id, string Content)> page, long? total, string baseUrl, string self, string? next, string type = "AuditEvent") => BundleJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("resourceType", "Bundle");
        json.WriteString("id", Guid.NewGuid().ToString());
        json.WriteString("type", "searchset");
        if (total is { } known) json.WriteNumber("total", known);
        json.WriteStartArray("link");
        BundleJson.WriteLink(json, "self", self);
        if (next is not null) BundleJson.WriteLink(json, "next", next);
        json.WriteEndArray();
        if (page.Count > 0)
        {
            json.WriteStartArray("entry");
            foreach (var (id, content) in page)
            {
                json.WriteStartObject();
                json.WriteString("fullUrl", $"{baseUrl}/{type}/{id}");
                json.WritePropertyName("resource");
                json.WriteRawValue(content, skipInputValidation: true);
                json.WriteStartObject("search");
                json.WriteString("mode", "match");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    });
}

/// <summary>
/// The answer of $verify-integrity: a Parameters with <c>intact</c> (boolean), <c>checked</c>
/// (the records found in order before the first broken link, or all of them), and for a broken
/// chain <c>position</c>, <c>record</c> (AuditEvent/id) and <c>reason</c>.
/// </summary>
public static class ChainCheckParameters
{
    public static string Write(ChainCheck check) => BundleJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("resourceType", "Parameters");
        json.WriteStartArray("parameter");
        Parameter(json, "intact", w => w.WriteBoolean("valueBoolean", check.Intact));
        Parameter(json, "checked", w => Integer(w, check.Checked));
        if (!check.Intact)
        {
            Parameter(json, "position", w => Integer(w, check.BrokenPosition!.Value));
            Parameter(json, "record", w => w.WriteString("valueString", check.BrokenRecord));
            Parameter(json, "reason", w => w.WriteString("valueString", check.Reason));
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>R4's integer is 32 bits: a larger count is a decimal.</summary>
    private static void Integer(System.Text.Json.Utf8JsonWriter json, long value)
    {
        if (value <= int.MaxValue) json.WriteNumber("valueInteger", value);
        else json.WriteNumber("valueDecimal", value);
    }

    private static void Parameter(System.Text.Json.Utf8JsonWriter json, string name, Action<System.Text.Json.Utf8JsonWriter> value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        value(json);
        json.WriteEndObject();
    }
}
