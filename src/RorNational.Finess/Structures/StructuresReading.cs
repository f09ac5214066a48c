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
                var named = EGNumbersIn(item.Element);
                yield return new FinessRejection(position, problem ?? "EJ entry is empty");
                foreach (var egFiness in named)
                    yield return new FinessRejection(position, $"EG {egFiness} is not imported: its EJ entry is not readable", egFiness);
                continue;
            }
            foreach (var line in StructureEntry.Read(entry, position, progress))
                yield return line;
        }
    }

    /// <summary>
    /// The EG numbers an unreadable entry still names (every <c>numFinessEge</c> string in it),
    /// so that its EG count as listed and a full extract does not close them.
    /// </summary>
    private static List<string> EGNumbersIn(ReadOnlyMemory<byte> element)
    {
        using var document = JsonDocument.Parse(element);
        var numbers = new List<string>();
        Collect(document.RootElement);
        return numbers;

        void Collect(JsonElement node)
        {
            if (node.ValueKind == JsonValueKind.Array)
                foreach (var child in node.EnumerateArray()) Collect(child);
            if (node.ValueKind != JsonValueKind.Object) return;
            foreach (var property in node.EnumerateObject())
                if (property.Name.Equals("numFinessEge", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                    numbers.Add(property.Value.GetString()!.Trim());
                else Collect(property.Value);
        }
    }
}
