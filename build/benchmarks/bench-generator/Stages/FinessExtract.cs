using System.Globalization;
using System.Text;
using BenchGenerator.Planning;

namespace BenchGenerator.Stages;

/// <summary>
/// The plan's EGs as an etalab FINESS extract (the format of
/// samples/finess/etalab-cs1100507-stock-sample.csv): the header line, then one 32-field
/// <c>structureet</c> line per EG with its EJ's number, names, address (commune code in FINESS's
/// département and commune fields, postal code and city in ligneacheminement), phone, FINESS
/// category and aggregate, SIRET and opening date. No <c>geolocalisation</c> lines: the EGs'
/// own coordinates stay unset (their lieux have positions).
/// </summary>
public static class FinessExtract
{
    public static string Write(NationalPlan plan)
    {
        var text = new StringBuilder(plan.EGs.Count * 320);
        text.Append("finess;etalab;111;2026-05-12\n");
        foreach (var eg in plan.EGs) Line(text, eg);
        return text.ToString();
    }

    private static void Line(StringBuilder text, PlannedEG eg)
    {
        var commune = eg.Commune;
        var departement = FinessNumbers.ExtractDepartement(commune.DepartementCode);
        var kind = eg.Kind;
        var siret = "2" + eg.Finess.Replace('A', '0').Replace('B', '0') + "0001";
        var opened = new DateOnly(1950, 1, 1).AddDays(Rank(eg) * 37 % 25_000);
        string?[] fields =
        [
            "structureet", eg.Finess, eg.EJFiness, eg.Name, eg.Name, null, null,
            eg.HouseNumber, eg.StreetType, eg.StreetName, null, null,
            commune.Cog[^3..], departement, Departement(commune.DepartementCode),
            $"{commune.PostalCodes[0]} {commune.Name.ToUpperInvariant()}", eg.Phone, null,
            kind.Category, kind.CategoryLabel, kind.Aggregate, kind.AggregateLabel, siret, Ape(kind.Category),
            null, null, null, null,
            opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "2026-05-04", null,
        ];
        text.AppendJoin(';', fields).Append('\n');
    }

    private static int Rank(PlannedEG eg) => int.Parse(eg.Finess[^5..], CultureInfo.InvariantCulture);

    private static string Departement(string code) =>
        RorNational.ReferenceData.Territory.Default.FindDepartement(code)?.Name.ToUpperInvariant() ?? code;

    private static string Ape(string category) => category switch
    {
        "500" or "207" => "8710A",
        "603" => "8621Z",
        _ => "8610Z",
    };
}
