using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    public static byte[] SerializeToUtf8Bytes(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Options);

    public static T Parse<T>(string json) where T : Resource =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty FHIR resource");

    /// <summary>
    /// Reads back JSON this process serialized itself (or a part of it): nothing to validate,
    /// so the parser skips the element-by-element validation that checks a client's input.
    /// </summary>
    private static readonly JsonSerializerOptions OwnOptions =
        new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.ForFhir().UsingMode(DeserializationMode.Ostrich);

    public static T ParseOwn<T>(JsonObject json) where T : Resource =>
        json.Deserialize<T>(OwnOptions) ?? throw new JsonException("empty FHIR resource");
}
