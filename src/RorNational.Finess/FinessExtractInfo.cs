namespace RorNational.Finess;

/// <summary>The publications this library reads.</summary>
public enum FinessExtractFormat
{
    /// <summary>
    /// The historical etalab CSV (<c>etalab_cs1100507_stock_*.csv</c>, with geolocation, or
    /// <c>etalab_cs1100502_stock_*.csv</c>, without): <c>structureet</c> and
    /// <c>geolocalisation</c> lines after a <c>finess;etalab;n;date</c> line.
    /// </summary>
    Etalab,

    /// <summary>
    /// The "FINESS Structures" JSON published on data.gouv.fr by FINESS+ (schema v1 of the
    /// ANS, github.com/ansforge/finess): EJ (<c>pmej</c>) with their EG (<c>ege</c>).
    /// </summary>
    FinessStructures,
}

/// <summary>What the extract says about itself, known before any line is read.</summary>
/// <param name="ExtractDate">The date FINESS produced the extract.</param>
/// <param name="IsFullExtract">
/// True when the extract lists every open establishment, so that an EG known to the caller
/// and absent from it has closed. Both formats read here are full extracts: etalab only
/// published stock files, and FINESS Structures is a complete daily snapshot (its closed EG
/// are present with <c>etatObjet</c> "I"; they are skipped, and counted in
/// <see cref="FinessReadProgress.SkippedClosed"/>).
/// </param>
/// <param name="Encoding">The text encoding found: "utf-8" or "windows-1252".</param>
/// <param name="Compressed">The extract came gzip-compressed.</param>
public sealed record FinessExtractInfo(
    FinessExtractFormat Format,
    DateOnly? ExtractDate,
    bool IsFullExtract,
    string Encoding,
    bool Compressed)
{
    /// <summary>The FINESS Structures schema version (for example "v1.0.0"); null for etalab.</summary>
    public string? SchemaVersion { get; init; }
}
