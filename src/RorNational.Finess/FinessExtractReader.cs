using RorNational.Finess.Etalab;
using RorNational.Finess.Geography;
using RorNational.Finess.Reading;
using RorNational.Finess.Structures;

namespace RorNational.Finess;

/// <summary>
/// Opens FINESS open-data extracts. Usage:
/// <code>
/// await using var extract = await FinessExtractReader.OpenAsync(stream, ct); // or FinessExtractRefused
/// await foreach (var line in extract.ReadAsync(ct)) { ... }
/// </code>
/// </summary>
public static class FinessExtractReader
{
    /// <summary>
    /// Recognises the format from the content, checks the whole file can be imported (a copy
    /// damaged by a spreadsheet is refused here, before any line is given) and, for etalab,
    /// indexes the coordinates that follow the establishments. Throws
    /// <see cref="FinessExtractRefused"/> when the file must not be imported.
    /// </summary>
    public static async Task<FinessExtract> OpenAsync(Stream extract, CancellationToken ct = default)
    {
        var progress = new FinessReadProgress();
        var content = await ExtractContent.CreateAsync(extract, progress, ct);
        try
        {
            progress.Enter(FinessReadPhase.Indexing);
            var format = FormatSniffer.Detect(content, await content.HeadAsync(FormatSniffer.HeadLength, ct));
            return format == FinessExtractFormat.Etalab
                ? await OpenEtalabAsync(content, progress, ct)
                : await OpenStructuresAsync(content, progress, ct);
        }
        catch (InvalidDataException e)
        {
            await content.DisposeAsync();
            throw new FinessExtractRefused("The compressed file is damaged and cannot be decompressed.", e);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    private static async Task<FinessExtract> OpenEtalabAsync(ExtractContent content, FinessReadProgress progress, CancellationToken ct)
    {
        var coordinates = new CoordinateConverter();
        var index = await EtalabIndex.BuildAsync(content, progress, coordinates, ct);
        var info = new FinessExtractInfo(FinessExtractFormat.Etalab, index.ExtractDate, IsFullExtract: true,
            index.Encoding.WebName, content.IsGzip);
        return new FinessExtract(info, progress, content,
            token => EtalabReading.ReadAsync(content, index, coordinates, progress, token));
    }

    private static async Task<FinessExtract> OpenStructuresAsync(ExtractContent content, FinessReadProgress progress, CancellationToken ct)
    {
        var header = await StructuresHeader.ReadAsync(content, progress, ct);
        var info = new FinessExtractInfo(FinessExtractFormat.FinessStructures, header.GeneratedOn, IsFullExtract: true,
            "utf-8", content.IsGzip) { SchemaVersion = header.SchemaVersion };
        return new FinessExtract(info, progress, content, token => StructuresReading.ReadAsync(content, progress, token));
    }
}
