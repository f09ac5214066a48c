using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// The names this server gives the bed-availability indicators in FHIR. The national guide
/// defines the profiles (ror-measure, ror-measurereport) but no indicator: the Measures'
/// canonical urls, identifiers and codes are this repository's own, in its urn:ror-national:
/// namespace (as the editors' unit ids), so that they do not depend on the host a client calls.
/// </summary>
public static class MeasureCanonical
{
    public static readonly string MeasureProfile = RorCanonical.StructureDefinition("ror-measure");
    public static readonly string MeasureReportProfile = RorCanonical.StructureDefinition("ror-measurereport");

    /// <summary>The system of the Measures' identifiers; the value is the regroupement's code.</summary>
    public const string MeasureIdentifierSystem = "urn:ror-national:measure";

    /// <summary>The system of the MeasureReports' identifiers; the value is the report's id.</summary>
    public const string MeasureReportIdentifierSystem = "urn:ror-national:measure-report";

    /// <summary>The codes of the groups (one per figure, and the units): <see cref="FigureGroups"/>.</summary>
    public const string GroupCodeSystem = "urn:ror-national:availability-group";

    /// <summary>The stratifier that sets the stale units apart, and its two strata.</summary>
    public const string FreshnessCodeSystem = "urn:ror-national:availability-freshness";

    public const string MeasurePopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";
    public const string MeasureScoringSystem = "http://terminology.hl7.org/CodeSystem/measure-scoring";
    public const string MeasureTypeSystem = "http://terminology.hl7.org/CodeSystem/measure-type";
    public const string DefinitionTopicSystem = "http://terminology.hl7.org/CodeSystem/definition-topic";
    public const string DataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    /// <summary>The Measure of a regroupement: its id is the regroupement's code ("rea-adulte").</summary>
    public static string MeasureUrl(string regroupement) => $"{MeasureIdentifierSystem}:{regroupement}";

    /// <summary>The regroupement a canonical url names, or null when it is not one of ours.</summary>
    public static string? RegroupementOfUrl(string url)
    {
        var bar = url.IndexOf('|');
        if (bar >= 0) url = url[..bar];
        return url.StartsWith(MeasureIdentifierSystem + ":", StringComparison.Ordinal) ? url[(MeasureIdentifierSystem.Length + 1)..] : null;
    }
}
