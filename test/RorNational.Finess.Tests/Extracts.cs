using System.Text;
using RorNational.Finess;

namespace RorNational.Finess.Tests;

/// <summary>The test files, and reading an extract to the end.</summary>
internal static class Extracts
{
    public const string Sample = "Samples/etalab-cs1100507-stock-sample.csv";
    public const string Windows1252 = "etalab-windows-1252.csv";
    public const string SpreadsheetCopy = "etalab-spreadsheet-copy.csv";
    public const string WithErrors = "etalab-with-errors.csv";
    public const string Structures = "finess-structures.json";
    public const string Activities = "finess-activites.json";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Extracts", name));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    public static async Task<(FinessExtractInfo Info, List<FinessLine> Lines)> ReadAllAsync(byte[] content)
    {
        await using var extract = await FinessExtractReader.OpenAsync(new MemoryStream(content));
        var lines = new List<FinessLine>();
        await foreach (var line in extract.ReadAsync()) lines.Add(line);
        return (extract.Info, lines);
    }

    public static Task<(FinessExtractInfo Info, List<FinessLine> Lines)> ReadAllAsync(string name) => ReadAllAsync(Bytes(name));

    public static Task<(FinessExtractInfo Info, List<FinessLine> Lines)> ReadAllAsync(string name, Func<string, string> change) =>
        ReadAllAsync(Encoding.UTF8.GetBytes(change(Text(name))));

    public static Dictionary<string, FinessEstablishment> ByFiness(this IEnumerable<FinessLine> lines) =>
        lines.OfType<FinessEstablishment>().ToDictionary(e => e.EG.Finess);
}
