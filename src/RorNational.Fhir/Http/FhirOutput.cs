using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace RorNational.Fhir.Http;

/// <summary>
/// Writes FHIR JSON text in the negotiated format. JSON as stored goes out untouched (or
/// indented for _pretty); XML is converted by Hl7.Fhir's serializers.
/// </summary>
public static class FhirOutput
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = FhirJson.Options.Encoder };

    public static string Render(string json, FhirFormat format)
    {
        if (format.Syntax == FhirSyntax.Xml)
        {
            var resource = FhirJson.Parse<Resource>(json);
            return new BaseFhirXmlSerializer(ModelInfo.ModelInspector).SerializeToString(resource, format.Pretty);
        }
        return format.Pretty ? Indent(json) : json;
    }

    public static Task WriteAsync(HttpContext context, int status, string json, FhirFormat format)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = format.ContentType;
        return context.Response.WriteAsync(Render(json, format), context.RequestAborted);
    }

    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented)) document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
