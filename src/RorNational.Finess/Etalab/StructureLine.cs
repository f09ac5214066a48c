using System.Globalization;
using System.Text.RegularExpressions;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;

namespace RorNational.Finess.Etalab;

/// <summary>
/// Maps a <c>structureet</c> line to the EG's administrative data. Choices the format
/// leaves open:
/// <list type="bullet">
/// <item>compvoie is the repetition index of the house number (B bis, T ter, Q quater,
/// C quinquies), not an address complement: it is appended to the number ("12 B");</item>
/// <item>the address complement is compldistrib (the "complément de distribution": building,
/// residence, business park); complrs complements the name (raison sociale), not the
/// address, and the domain has no field for it;</item>
/// <item>ligneacheminement is the postal code then the routing city, CEDEX included
/// ("01012 BOURG EN BRESSE CEDEX"): the city keeps the CEDEX, as the post needs it.</item>
/// </list>
/// </summary>
internal static partial class StructureLine
{
    /// <summary>The establishment with the warnings of its line, or the line's rejection.</summary>
    public static IEnumerable<FinessLine> Read(string[] f, long line, IReadOnlyDictionary<string, GeoPoint> positions)
    {
        if (f.Length != EtalabCsv.StructureFieldCount)
            return [new FinessRejection(line, $"a structureet line has {EtalabCsv.StructureFieldCount} fields, this one has {f.Length}", f.Field(EtalabCsv.NoFinessEt))];
        var finess = f.Field(EtalabCsv.NoFinessEt) ?? "";
        var warnings = new List<FinessLine>();
        if (Refusal(f, finess) is { } refusal) return [new FinessRejection(line, refusal, finess)];

        var routing = Routing().Match(f.Field(EtalabCsv.LigneAcheminement)!);
        var commune = CommuneCode.FromFiness(f.Field(EtalabCsv.Departement), f.Field(EtalabCsv.Commune));
        if (commune is null)
            warnings.Add(Warning($"département '{f.Field(EtalabCsv.Departement)}' and commune '{f.Field(EtalabCsv.Commune)}' make no INSEE commune code"));
        var address = new PostalAddress(
            HouseNumber(f.Field(EtalabCsv.NumVoie), f.Field(EtalabCsv.CompVoie)),
            f.Field(EtalabCsv.TypVoie),
            f.Field(EtalabCsv.Voie),
            f.Field(EtalabCsv.ComplDistrib),
            f.Field(EtalabCsv.LieuDitBp),
            routing.Groups[1].Value,
            routing.Groups[2].Value.Trim(),
            commune);

        var siret = f.Field(EtalabCsv.Siret);
        if (siret is not null && !Siret().IsMatch(siret))
        {
            warnings.Add(Warning($"SIRET '{siret}' is not 14 digits and is left out"));
            siret = null;
        }
        var opening = f.Field(EtalabCsv.DateOuv);
        DateOnly? openingDate = null;
        if (opening is not null)
        {
            if (DateOnly.TryParseExact(opening, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                openingDate = date;
            else warnings.Add(Warning($"opening date '{opening}' is not yyyy-MM-dd and is left out"));
        }

        var name = f.Field(EtalabCsv.Rs)!;
        var longName = f.Field(EtalabCsv.RsLongue);
        var eg = new EGAdministrativeData(finess, f.Field(EtalabCsv.NoFinessEj)!, name, address)
        {
            LongName = longName == name ? null : longName,
            Siret = siret,
            Category = Coded(f, EtalabCsv.CategEtab, EtalabCsv.LibCategEtab),
            CategoryAggregate = Coded(f, EtalabCsv.CategAgrEtab, EtalabCsv.LibCategAgrEtab),
            PublicServiceParticipation = Coded(f, EtalabCsv.CodeSph, EtalabCsv.LibSph),
            Phone = f.Field(EtalabCsv.Telephone),
            Fax = f.Field(EtalabCsv.Telecopie),
            OpeningDate = openingDate,
            Coordinates = positions.GetValueOrDefault(finess),
        };
        // The domain's own checks (lengths, formats), so that every EG given can be registered.
        var problems = eg.Check();
        if (problems.Count > 0)
            return [new FinessRejection(line, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")), finess)];
        warnings.Add(new FinessEstablishment(line, eg));
        return warnings;

        FinessWarning Warning(string message) => new(line, message, finess);
    }

    private static string? Refusal(string[] f, string finess)
    {
        if (!FinessNumber.IsWellFormed(finess)) return $"'{finess}' is not a FINESS number (nofinesset)";
        var ej = f.Field(EtalabCsv.NoFinessEj) ?? "";
        if (!FinessNumber.IsWellFormed(ej)) return $"'{ej}' is not a FINESS number (nofinessej)";
        if (f.Field(EtalabCsv.Rs) is null) return "the establishment has no name (rs)";
        var routing = f.Field(EtalabCsv.LigneAcheminement);
        if (routing is null || !Routing().IsMatch(routing))
            return $"ligneacheminement '{routing}' is not a postal code followed by a city";
        if (f.Field(EtalabCsv.Siret) is { } siret && SpreadsheetDamage.IsScientific(siret))
            return $"the SIRET {siret} is written in scientific notation: this line went through a spreadsheet";
        return null;
    }

    private static string? HouseNumber(string? number, string? repetitionIndex) =>
        number is null ? null : repetitionIndex is null ? number : $"{number} {repetitionIndex}";

    private static CodedValue? Coded(string[] f, int code, int label) =>
        f.Field(code) is { } value ? new CodedValue(value, f.Field(label)) : null;

    [GeneratedRegex(@"^(\d{5})\s+(\S.*)$")]
    private static partial Regex Routing();

    [GeneratedRegex(@"^\d{14}$")]
    private static partial Regex Siret();
}
