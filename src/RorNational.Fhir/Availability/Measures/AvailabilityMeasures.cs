using Hl7.Fhir.Model;
using RorNational.Fhir.Availability.Regroupements;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// The Measure of each regroupement (ror-measure): what its MeasureReports count, for whom,
/// and how. A continuous-variable measure over the units of the regroupement: one group per
/// figure (its score sums the fresh units' figures, in beds) and one of the units; the stale
/// units are the measure-population exclusion, counted apart by the freshness stratifier.
/// The same for every caller: what a profile may read shows in its MeasureReports.
/// </summary>
public sealed class AvailabilityMeasures(RegroupementCatalogue catalogue)
{
    /// <summary>The Measures, in the catalogue's order.</summary>
    public IReadOnlyList<Measure> All { get; } = catalogue.All.Select(r => Build(r, catalogue.All)).ToList();

    public Measure? Find(string regroupement) => All.FirstOrDefault(m => m.Id == regroupement);

    private static Measure Build(Regroupement regroupement, IReadOnlyList<Regroupement> all) => new()
    {
        Id = regroupement.Code,
        Meta = new Meta { Profile = [MeasureCanonical.MeasureProfile] },
        Url = MeasureCanonical.MeasureUrl(regroupement.Code),
        Identifier = [new Identifier(MeasureCanonical.MeasureIdentifierSystem, regroupement.Code)],
        Name = ComputableName(regroupement.Code),
        Title = $"Disponibilité en lits : {regroupement.Display}",
        Status = PublicationStatus.Active,
        Experimental = false,
        Publisher = "RorNational",
        Description = new Markdown(
            $"Beds of the regroupement «{regroupement.Display}» ({regroupement.Code}) by territory: France, each région, each département. " +
            "Computed from the capacity the units supply (ror-location-supported-capacity), when asked: " +
            "each MeasureReport states when. A unit is stale when its last capacityUpdateDate is older than the server's limit " +
            "(Availability:StaleAfter, 24 hours by default; the stale stratum of each report states it) or when it never supplied: " +
            "stale units are counted apart, never in the scores. Each caller reads only the figures its access profile may read " +
            "(none for the public profile P0), summed over the units whose figure it may read."),
        Purpose = new Markdown(
            "Bed-availability synthesis of critical care for emergency regulation (SAMU, SMUR), regional health agencies and crisis cells: " +
            "where beds are free now, by territory and regroupement."),
        Topic = [new CodeableConcept(MeasureCanonical.DefinitionTopicSystem, "assessment", "Assessment")],
        Type = [new CodeableConcept(MeasureCanonical.MeasureTypeSystem, "structure", "Structure")],
        Scoring = new CodeableConcept(MeasureCanonical.MeasureScoringSystem, "continuous-variable", "Continuous Variable"),
        Group = FigureGroup.All.Select(figure => Group(regroupement, all, figure)).ToList(),
    };

    private static Measure.GroupComponent Group(Regroupement regroupement, IReadOnlyList<Regroupement> all, FigureGroup figure) => new()
    {
        ElementId = figure.Code,
        Code = GroupCode(figure),
        Description = figure.Description,
        Population =
        [
            Population("initial-population", "Initial Population",
                RegroupementCriteria.Expression(regroupement), RegroupementCriteria.Description(regroupement, all)),
            Population("measure-population", "Measure Population", Freshness.FreshExpression, Freshness.FreshDescription),
            Population("measure-population-exclusion", "Measure Population Exclusion", Freshness.StaleExpression, Freshness.StaleDescription),
            Population("measure-observation", "Measure Observation", figure.Observation,
                $"The unit's {figure.Code} ({figure.Unit}), summed over the measure population."),
        ],
        Stratifier =
        [
            new Measure.StratifierComponent
            {
                Code = new CodeableConcept(MeasureCanonical.FreshnessCodeSystem, Freshness.Code, "Fraîcheur"),
                Description = Freshness.StratifierDescription,
                Criteria = new Expression { Language = "text/fhirpath", Expression_ = Freshness.StratumExpression },
            },
        ],
    };

    public static CodeableConcept GroupCode(FigureGroup figure) => new(MeasureCanonical.GroupCodeSystem, figure.Code, figure.Display);

    public static CodeableConcept PopulationCode(string code, string display) => new(MeasureCanonical.MeasurePopulationSystem, code, display);

    private static Measure.PopulationComponent Population(string code, string display, string expression, string description) => new()
    {
        Code = PopulationCode(code, display),
        Description = description,
        Criteria = new Expression { Language = "text/fhirpath", Expression_ = expression },
    };

    /// <summary>"rea-adulte" -> "BedAvailabilityReaAdulte": a name a program can use (letters and digits).</summary>
    private static string ComputableName(string code) => "BedAvailability" + string.Concat(code.Split('-', StringSplitOptions.RemoveEmptyEntries)
        .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
