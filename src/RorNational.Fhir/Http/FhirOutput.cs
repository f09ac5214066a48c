using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace RorNational.Fhir.Http;

/// <summary>
/// Writes FHIR JSON, as text or as UTF-8 bytes, in the negotiated format. JSON as stored goes out
/// untouched (or indented for _pretty); XML is converted by Hl7.Fhir's serializers.
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

    /// <summary>
    /// A resource held as UTF-8 (as stored): its bytes are the answer in plain JSON, with their
    /// length; indented JSON and XML are rendered from its text.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, int status, byte[] utf8Json, FhirFormat format)
    {
        if (format.Syntax != FhirSyntax.Json || format.Pretty)
        {
            await WriteAsync(context, status, Encoding.UTF8.GetString(utf8Json), format);
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = format.ContentType;
        context.Response.ContentLength = utf8Json.Length;
        await context.Response.Body.WriteAsync(utf8Json, context.RequestAborted);
    }

    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented)) document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
