using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace RorNational.Fhir;

/// <summary>The one FHIR JSON serializer of the process (Hl7.Fhir, built once).</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";
    public const string ContentType = MediaType + "; charset=utf-8";

    /// <summary>Accents and '+' written as themselves: the body is FHIR JSON, never embedded in HTML.</summary>
    public static readonly JsonSerializerOptions Options =
        new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.ForFhir();

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Options);

    public static T Parse<T>(string json) where T : Resource =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty FHIR resource");
}
