using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using RorNational.Fhir.Reading;
using RorNational.Offer.Capacity.Answers;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.PostBundle;

/// <summary>
/// The transaction-response or batch-response: per entry, in the order of the request, its
/// status, and for an applied one its Location (with the version), ETag and lastModified; the
/// outcome of a refused entry, and the information issues of an applied one (an outdated
/// change). <c>Prefer: return=representation</c> adds each Location as the caller may read it,
/// <c>return=OperationOutcome</c> every entry's outcome. Built from the stored answers only, so
/// a replay is the same bytes.
/// </summary>
public sealed class BundleAnswer(bool transaction, IReadOnlyList<EntryAnswer> entries, ReturnPreference preference, FhirFormat format) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        IReadOnlyDictionary<string, string> locations = new Dictionary<string, string>();
        if (preference == ReturnPreference.Representation)
        {
            var profile = http.RequestServices.GetRequiredService<AccessProfiles>().For(http);
            await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
            locations = await AnsweredLocations.LoadAsync(session, entries, profile, http.RequestAborted);
        }
        var json = BundleJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("type", transaction ? "transaction-response" : "batch-response");
            writer.WriteStartArray("entry");
            foreach (var entry in entries) WriteEntry(writer, entry, locations);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        await FhirOutput.WriteAsync(http, StatusCodes.Status200OK, json, format);
    }

    private void WriteEntry(Utf8JsonWriter writer, EntryAnswer entry, IReadOnlyDictionary<string, string> locations)
    {
        writer.WriteStartObject();
        if (entry.Applied)
        {
            writer.WriteString("fullUrl", $"Location/{entry.LocationId}");
            if (locations.TryGetValue(AnsweredLocations.KeyOf(entry), out var location))
            {
                writer.WritePropertyName("resource");
                writer.WriteRawValue(location, skipInputValidation: true);
            }
        }
        writer.WriteStartObject("response");
        writer.WriteString("status", $"{entry.Status} {ReasonPhrases.GetReasonPhrase(entry.Status)}");
        if (entry.Applied)
        {
            writer.WriteString("location", $"Location/{entry.LocationId}/_history/{entry.Version}");
            writer.WriteString("etag", FhirResourceResult.ETagOf(entry.Version));
            writer.WriteString("lastModified", BundleJson.Instant(entry.LastUpdated));
        }
        if (entry.Outcome is { } outcome && (!entry.Applied || entry.HasInformation || preference == ReturnPreference.OperationOutcome))
        {
            writer.WritePropertyName("outcome");
            writer.WriteRawValue(outcome, skipInputValidation: true);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
