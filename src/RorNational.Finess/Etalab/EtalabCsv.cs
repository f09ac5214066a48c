using CsvHelper;

namespace RorNational.Finess.Etalab;

/// <summary>
/// The layout of the etalab extract: no header, semicolons, one record type per line named
/// by its first field, fields quoted when they hold a quote or a semicolon.
/// <c>structureet</c> lines have 32 fields including the type, counted against published
/// extracts (the last one, numuai, is mostly empty, hence the trailing semicolon).
/// </summary>
internal static class EtalabCsv
{
    public const string Structure = "structureet";
    public const string Geolocation = "geolocalisation";

    public const int StructureFieldCount = 32;
    public const int NoFinessEt = 1, NoFinessEj = 2, Rs = 3, RsLongue = 4, ComplRs = 5, ComplDistrib = 6,
        NumVoie = 7, TypVoie = 8, Voie = 9, CompVoie = 10, LieuDitBp = 11, Commune = 12, Departement = 13,
        LibDepartement = 14, LigneAcheminement = 15, Telephone = 16, Telecopie = 17, CategEtab = 18,
        LibCategEtab = 19, CategAgrEtab = 20, LibCategAgrEtab = 21, Siret = 22, CodeApe = 23, CodeMft = 24,
        LibMft = 25, CodeSph = 26, LibSph = 27, DateOuv = 28, DateAutor = 29, DateMaj = 30, NumUai = 31;

    /// <summary>
    /// A reader for one pass. Field counts vary with the record type. FINESS values never
    /// hold a line break, so a line break always ends a record: a stray quote cannot swallow
    /// the following lines. <paramref name="onMalformedLine"/> hears of the lines with a quote
    /// inside an unquoted field (kept as written): the reader scans ahead, so it may hear of
    /// a line before that line is read.
    /// </summary>
    public static CsvReader Reader(TextReader text, Action<long> onMalformedLine) => CsvReader.Create(text,
        CsvReaderOptions.Default with
        {
            Separator = ';',
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = malformed => onMalformedLine(malformed.LineNumber),
        },
        leaveOpen: false);

    /// <summary>The field, trimmed, or null when empty or absent.</summary>
    public static string? Field(this string[] fields, int index) =>
        index < fields.Length && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index].Trim() : null;
}
