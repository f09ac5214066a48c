using System.Text.RegularExpressions;

namespace RorNational.Finess.Etalab;

/// <summary>
/// Recognises an extract re-saved by a spreadsheet, which reads identifiers as numbers and
/// dates as dates and writes them back altered. Only symptoms that a file published by
/// FINESS cannot show are used, so a genuine extract is never refused for them.
/// </summary>
internal static partial class SpreadsheetDamage
{
    /// <summary>What a spreadsheet did to this structureet line, or null when it looks untouched.</summary>
    public static string? InStructure(string[] fields)
    {
        foreach (var index in new[] { EtalabCsv.NoFinessEt, EtalabCsv.NoFinessEj })
            if (fields.Field(index) is { } finess && EightDigits().IsMatch(finess))
                return $"the FINESS number {finess} has 8 digits: its leading zero was dropped";
        if (fields.Field(EtalabCsv.Siret) is { } siret && ScientificNotation().IsMatch(siret))
            return $"the SIRET {siret} is written in scientific notation";
        if (fields.Field(EtalabCsv.Departement) is { } departement && OneDigit().IsMatch(departement))
            return $"the département code {departement} lost its leading zero";
        foreach (var index in new[] { EtalabCsv.DateOuv, EtalabCsv.DateAutor, EtalabCsv.DateMaj })
            if (InDate(fields.Field(index)) is { } problem) return problem;
        return null;
    }

    /// <summary>What a spreadsheet did to a date field, or null.</summary>
    public static string? InDate(string? date) =>
        date is not null && SlashedDate().IsMatch(date) ? $"the date {date} is no longer written yyyy-MM-dd" : null;

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex EightDigits();

    [GeneratedRegex(@"^\d+([.,]\d+)?[eE][+-]?\d+$")]
    private static partial Regex ScientificNotation();

    [GeneratedRegex(@"^\d$")]
    private static partial Regex OneDigit();

    [GeneratedRegex(@"^\d{1,2}/\d{1,2}/\d{2,4}$")]
    private static partial Regex SlashedDate();

    public static bool IsScientific(string value) => ScientificNotation().IsMatch(value);
}
