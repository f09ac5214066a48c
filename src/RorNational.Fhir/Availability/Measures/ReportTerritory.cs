using Hl7.Fhir.Model;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Availability.Measures;

public enum TerritoryLevel { National, Region, Departement }

/// <summary>
/// The territory a MeasureReport is about: France, a région (INSEE code, TRE_R30-RegionOM) or a
/// département (INSEE code, TRE_G09-DepartementOM). It is the report's subject, as a logical
/// reference to a Location (a jurisdiction: the guide lets a ror-measurereport's subject be a
/// Location) identified by its code in the national terminology; nothing is served at that reference.
/// </summary>
public sealed record ReportTerritory(TerritoryLevel Level, string Code, string Name)
{
    public const string CountrySystem = "urn:iso:std:iso:3166";
    public const string RegionSystem = Territory.RegionCodeSystem;
    public const string DepartementSystem = "https://mos.esante.gouv.fr/NOS/TRE_G09-DepartementOM/FHIR/TRE-G09-DepartementOM";

    public static readonly ReportTerritory France = new(TerritoryLevel.National, "FR", "France");

    public static ReportTerritory Of(Region region) => new(TerritoryLevel.Region, region.Code, region.Name);

    public static ReportTerritory Of(Departement departement) => new(TerritoryLevel.Departement, departement.Code, departement.Name);

    public string System => Level switch
    {
        TerritoryLevel.National => CountrySystem,
        TerritoryLevel.Region => RegionSystem,
        _ => DepartementSystem,
    };

    /// <summary>The first part of a report's id: "national", "region-84", "departement-2A".</summary>
    public string IdPart => Level switch
    {
        TerritoryLevel.National => "national",
        TerritoryLevel.Region => $"region-{Code}",
        _ => $"departement-{Code}",
    };

    public ResourceReference AsSubject() => new()
    {
        Type = "Location",
        Identifier = new Identifier(System, Code),
        Display = Name,
    };

    /// <summary>The id of this territory's report of a regroupement: "departement-01-rea-adulte".</summary>
    public string ReportId(string regroupement) => $"{IdPart}-{regroupement}";

    /// <summary>
    /// Reads a report id back into its territory part and regroupement code; null when the id
    /// is not of that form (the territory and regroupement are then checked by the caller).
    /// </summary>
    public static (TerritoryLevel Level, string? Code, string Regroupement)? ParseReportId(string id)
    {
        if (id.StartsWith("national-", StringComparison.Ordinal) && id.Length > "national-".Length)
            return (TerritoryLevel.National, null, id["national-".Length..]);
        foreach (var (prefix, level) in new[] { ("region-", TerritoryLevel.Region), ("departement-", TerritoryLevel.Departement) })
        {
            if (!id.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = id[prefix.Length..];
            var dash = rest.IndexOf('-');
            return dash <= 0 || dash == rest.Length - 1 ? null : (level, rest[..dash], rest[(dash + 1)..]);
        }
        return null;
    }
}
