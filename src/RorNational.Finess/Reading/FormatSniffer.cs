using System.Text;

namespace RorNational.Finess.Reading;

/// <summary>Tells the format from the file's first bytes, never from its name.</summary>
internal static class FormatSniffer
{
    public const int HeadLength = 512;

    public static FinessExtractFormat Detect(ExtractContent content, byte[] head)
    {
        if (content.IsZip)
            throw new FinessExtractRefused(
                "The file is a zip archive. Extract the FINESS file it holds and send that file.");
        var text = Encoding.Latin1.GetString(head);
        var start = text.TrimStart();
        if (start.StartsWith('{')) return FinessExtractFormat.FinessStructures;
        if (text.StartsWith("finess;", StringComparison.OrdinalIgnoreCase)) return FinessExtractFormat.Etalab;
        if (text.StartsWith("finess,", StringComparison.OrdinalIgnoreCase) || text.StartsWith("finess\t", StringComparison.OrdinalIgnoreCase))
            throw new FinessExtractRefused(
                "The fields are no longer separated by semicolons: this file looks re-saved by a spreadsheet. " +
                "Nothing was imported: send the extract as FINESS publishes it.");
        if (text.StartsWith("structureet;", StringComparison.OrdinalIgnoreCase))
            throw new FinessExtractRefused(
                "The file has no first line 'finess;etalab;<n>;<date>': it is not a complete etalab extract.");
        throw new FinessExtractRefused(
            "Unknown format. Expected the etalab FINESS extract (CSV whose first line is " +
            "'finess;etalab;<n>;<date>') or the FINESS Structures JSON of data.gouv.fr; the file starts with '" +
            FirstLine(start) + "'.");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        var printable = new string(line.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length > 60 ? printable[..60] + "..." : printable;
    }
}
