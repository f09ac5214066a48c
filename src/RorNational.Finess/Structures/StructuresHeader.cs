using System.Globalization;
using System.Text.Json;
using RorNational.Finess.Reading;

namespace RorNational.Finess.Structures;

/// <summary>
/// The first pass over a FINESS Structures file, made when it is opened: schema version,
/// generation time, which dataset it is (FINESS Activités shares the outline of the layout
/// but lists authorisations, not establishments), and that the document is whole, so that
/// a truncated download is refused rather than half imported. Entries are skipped, not
/// deserialized, except the first.
/// </summary>
internal sealed record StructuresHeader(string? SchemaVersion, DateOnly? GeneratedOn)
{
    public static async Task<StructuresHeader> ReadAsync(ExtractContent content, FinessReadProgress progress, CancellationToken ct)
    {
        await using var view = content.OpenView(progress);
        var json = new JsonArrayStreamer(view, "pmej");
        string? version = null, generatedAt = null;
        long entries = 0;
        try
        {
            while (await json.NextAsync(ct) is { } item)
            {
                if (item.PropertyName == "schemaVersion") version = item.Value;
                else if (item.PropertyName == "generatedAt") generatedAt = item.Value;
                else if (item.PropertyName is null && entries++ == 0)
                {
                    CheckIsStructures(JsonSerializer.Deserialize<PmejEntry>(item.Element.Span, StructuresJson.Options));
                }
            }
        }
        catch (JsonException e)
        {
            throw new FinessExtractRefused($"The file is not readable JSON: {e.Message}", e);
        }
        if (version is null && entries == 0)
            throw new FinessExtractRefused("This JSON file is not a FINESS Structures extract: it has neither 'schemaVersion' nor 'pmej'.");
        if (version is not null && !version.TrimStart('v', 'V').StartsWith('1'))
            throw new FinessExtractRefused($"FINESS Structures schema {version} is not supported; this reader knows schema v1.");
        // A full extract lists every open establishment: without its whole array, or with an
        // empty one, it would close them all.
        if (!json.ArrayComplete)
            throw new FinessExtractRefused("This FINESS Structures file has no 'pmej' array of structures: nothing was imported, and nothing closed.");
        if (entries == 0)
            throw new FinessExtractRefused("This FINESS Structures file lists no structure (its 'pmej' array is empty): nothing was imported, and nothing closed.");
        return new StructuresHeader(version, DateOf(generatedAt));
    }

    private static void CheckIsStructures(PmejEntry? entry)
    {
        if (entry?.ActivitesAutorisees is not null)
            throw new FinessExtractRefused(
                "This is the FINESS Activités dataset, which lists authorised activities, not establishments: send FINESS Structures.");
        if (entry?.InformationsGeneralesPMEJ is null)
            throw new FinessExtractRefused("This JSON file is not a FINESS Structures extract: its pmej entries have no informationsGeneralesPMEJ.");
    }

    // "2026-03-09T15:49:37.615611300Z": nine fractional digits, more than DateTimeOffset reads.
    private static DateOnly? DateOf(string? generatedAt) =>
        generatedAt is { Length: >= 10 } &&
        DateOnly.TryParseExact(generatedAt[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}
