using System.Runtime.CompilerServices;
using System.Text.Json;
using RorNational.Finess.Reading;

namespace RorNational.Finess.Structures;

/// <summary>
/// Reads a FINESS Structures file one EJ at a time. The groupings (gcc, gco) are not
/// establishments and are passed over.
/// </summary>
internal static class StructuresReading
{
    public static async IAsyncEnumerable<FinessLine> ReadAsync(ExtractContent content, FinessReadProgress progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var view = content.OpenView(progress);
        var json = new JsonArrayStreamer(view, "pmej");
        long position = 0;
        while (await json.NextAsync(ct) is { } item)
        {
            ct.ThrowIfCancellationRequested();
            if (item.PropertyName is not null) continue;
            progress.SetLinesRead(++position);
            PmejEntry? entry;
            string? problem = null;
            try
            {
                entry = JsonSerializer.Deserialize<PmejEntry>(item.Element.Span, StructuresJson.Options);
            }
            catch (JsonException e)
            {
                (entry, problem) = (null, $"EJ entry is not in the FINESS Structures layout: {e.Message}");
            }
            if (entry is null)
            {
                yield return new FinessRejection(position, problem ?? "EJ entry is empty");
                continue;
            }
            foreach (var line in StructureEntry.Read(entry, position, progress))
                yield return line;
        }
    }
}
