using System.Globalization;
using System.Text;
using CsvHelper;
using RorNational.Domain.Common;
using RorNational.Finess.Geography;
using RorNational.Finess.Reading;

namespace RorNational.Finess.Etalab;

/// <summary>
/// The first pass over an etalab extract, made when it is opened: encoding, first line,
/// spreadsheet damage, and the WGS 84 position of each geocoded establishment.
/// <para>
/// Why a first pass: the geolocalisation lines form a section after all the structureet
/// lines, so an establishment's coordinates are read long after the establishment. Keeping
/// the establishments until their coordinates arrive would hold the whole file; keeping
/// only the positions, converted, is one FINESS number and two doubles per establishment
/// (about 10 MB for the ~100,000 of a national extract), whatever the file's size. The
/// second pass then streams the establishments with their positions.
/// </para>
/// </summary>
internal sealed class EtalabIndex
{
    // Damage from a spreadsheet is the same on every line, so the first lines tell it.
    private const int LinesCheckedForSpreadsheetDamage = 200;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private EtalabIndex(Encoding encoding, DateOnly extractDate, Dictionary<string, GeoPoint> positions)
    {
        Encoding = encoding;
        ExtractDate = extractDate;
        Positions = positions;
    }

    public Encoding Encoding { get; }
    public DateOnly ExtractDate { get; }
    public IReadOnlyDictionary<string, GeoPoint> Positions { get; }

    /// <summary>
    /// Reads the extract as UTF-8, and again as Windows-1252 at the first invalid UTF-8
    /// sequence: FINESS published both, with and without a byte order mark.
    /// </summary>
    public static async Task<EtalabIndex> BuildAsync(ExtractContent content, FinessReadProgress progress,
        CoordinateConverter converter, CancellationToken ct)
    {
        try
        {
            return await BuildAsync(content, StrictUtf8, progress, converter, ct);
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            progress.Enter(FinessReadPhase.Indexing);
            return await BuildAsync(content, Windows1252, progress, converter, ct);
        }
    }

    private static async Task<EtalabIndex> BuildAsync(ExtractContent content, Encoding encoding, FinessReadProgress progress,
        CoordinateConverter converter, CancellationToken ct)
    {
        await using var view = content.OpenView(progress);
        using var text = new StreamReader(view, encoding, detectEncodingFromByteOrderMarks: false, 1 << 16);
        using var csv = EtalabCsv.Reader(text, _ => { });
        var extractDate = await ReadFirstLineAsync(csv, ct);
        var positions = new Dictionary<string, GeoPoint>(StringComparer.Ordinal);
        long structureLines = 0; // readable or not: none means the file lists no establishment
        while (await csv.ReadAsync(ct))
        {
            ct.ThrowIfCancellationRequested(); // ReadAsync only checks when it reads from the file
            var fields = csv.Current.ToArray();
            var type = fields[0].Trim();
            progress.SetLinesRead(csv.LineNumber);
            if (type == EtalabCsv.Structure && structureLines++ < LinesCheckedForSpreadsheetDamage &&
                SpreadsheetDamage.InStructure(fields) is { } damage)
                throw Spreadsheet(csv.LineNumber, damage);
            // The first position of an establishment wins; the second pass reports bad lines.
            if (type == EtalabCsv.Geolocation && GeolocationLine.Read(fields, converter) is { Position: { } position } line)
                positions.TryAdd(line.Finess, position);
        }
        if (structureLines == 0)
            throw new FinessExtractRefused(
                "The file lists no establishment (no structureet line): it is empty, or cut before its first establishment. " +
                "Nothing was imported, and nothing closed.");
        return new EtalabIndex(encoding, extractDate, positions);
    }

    private static async Task<DateOnly> ReadFirstLineAsync(CsvReader csv, CancellationToken ct)
    {
        var fields = await csv.ReadAsync(ct) ? csv.Current.ToArray() : [];
        var date = fields.Field(3);
        if (fields.Length < 4 || !string.Equals(fields[0], "finess", StringComparison.OrdinalIgnoreCase))
            throw new FinessExtractRefused("The first line of an etalab FINESS extract is 'finess;etalab;<n>;<date>'.");
        if (SpreadsheetDamage.InDate(date) is { } damage) throw Spreadsheet(csv.LineNumber, damage);
        return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var extractDate)
            ? extractDate
            : throw new FinessExtractRefused($"The first line gives the extract's date as '{date}', expected yyyy-MM-dd.");
    }

    private static FinessExtractRefused Spreadsheet(long line, string damage) => new(
        $"This file looks re-saved by a spreadsheet, which alters FINESS data (line {line}: {damage}). " +
        "Nothing was imported: send the extract as FINESS publishes it.");
}
