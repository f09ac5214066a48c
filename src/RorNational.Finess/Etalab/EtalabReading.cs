using System.Runtime.CompilerServices;
using RorNational.Finess.Geography;
using RorNational.Finess.Reading;

namespace RorNational.Finess.Etalab;

/// <summary>
/// The second pass over an etalab extract: one line at a time, each structureet line joined
/// to its position from the <see cref="EtalabIndex"/>. Only the current line is held.
/// </summary>
internal static class EtalabReading
{
    public static async IAsyncEnumerable<FinessLine> ReadAsync(ExtractContent content, EtalabIndex index,
        CoordinateConverter converter, FinessReadProgress progress, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var view = content.OpenView(progress);
        using var text = new StreamReader(view, index.Encoding, detectEncodingFromByteOrderMarks: false, 1 << 16);
        var strayQuotes = new HashSet<long>();
        using var csv = EtalabCsv.Reader(text, line => strayQuotes.Add(line));
        await csv.ReadAsync(ct); // the first line, checked at opening
        while (await csv.ReadAsync(ct))
        {
            ct.ThrowIfCancellationRequested(); // ReadAsync only checks when it reads from the file
            var fields = csv.Current.ToArray();
            var line = csv.LineNumber;
            progress.SetLinesRead(line);
            if (strayQuotes.Remove(line))
            {
                yield return new FinessWarning(line, "a quote inside an unquoted field was read as written", fields.Field(1));
            }
            foreach (var outcome in Read(fields, line, index, converter))
                yield return outcome;
        }
    }

    private static IEnumerable<FinessLine> Read(string[] fields, long line, EtalabIndex index, CoordinateConverter converter)
    {
        switch (fields[0].Trim())
        {
            case EtalabCsv.Structure:
                return StructureLine.Read(fields, line, index.Positions);
            case EtalabCsv.Geolocation:
                var geolocation = GeolocationLine.Read(fields, converter);
                if (geolocation.Rejection is { } rejection) return [new FinessRejection(line, rejection, geolocation.Finess)];
                if (geolocation.Warning is { } warning) return [new FinessWarning(line, warning, geolocation.Finess)];
                return [];
            case var unknown:
                return [new FinessRejection(line, $"unknown record type '{unknown}'")];
        }
    }
}
