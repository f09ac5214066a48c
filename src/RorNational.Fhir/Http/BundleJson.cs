using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RorNational.Fhir.Http;

/// <summary>
/// What every Bundle this server writes around stored resources shares: the JSON writer
/// (stored resources go in raw, never re-parsed), links, and FHIR instants.
/// </summary>
public static class BundleJson
{
    /// <summary>How every Bundle and compact record is written: the FHIR JSON encoder.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = FhirJson.Options.Encoder };

    /// <summary>The text written by <paramref name="write"/> (an answer goes out by <see cref="FhirJsonResult"/> instead).</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            write(json);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteLink(Utf8JsonWriter json, string relation, string url)
    {
        json.WriteStartObject();
        json.WriteString("relation", relation);
        json.WriteString("url", url);
        json.WriteEndObject();
    }

    /// <summary>A FHIR instant in UTC, to the millisecond.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);
}
