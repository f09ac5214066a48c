using RorNational.Fhir.Http;

namespace RorNational.Fhir.Description;

/// <summary>A description as a Bundle of type collection: its instant, then one entry per resource, each as the caller may read it.</summary>
public static class DescriptionBundle
{
    public static string Write(EstablishmentDescription description, IReadOnlyList<string> resources, string baseUrl) =>
        BundleJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "Bundle");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteString("type", "collection");
            json.WriteString("timestamp", BundleJson.Instant(description.At));
            json.WriteStartArray("entry");
            for (var i = 0; i < resources.Count; i++)
            {
                var resource = description.Resources[i];
                json.WriteStartObject();
                json.WriteString("fullUrl", $"{baseUrl}/{resource.Type}/{resource.Id}");
                json.WritePropertyName("resource");
                json.WriteRawValue(resources[i], skipInputValidation: true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
}
