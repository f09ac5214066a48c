using System.Globalization;
using Hl7.Fhir.Model;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Availability.Synthesis;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// One MeasureReport (ror-measurereport, a summary) of a regroupement's Measure for a territory,
/// from the synthesis' count there as the caller may read it: a pure function of the contract's
/// records. The group of the units always, then one group per figure the caller's profile may
/// read (none for P0). Each group: the populations (all units, the fresh ones, the stale ones
/// excluded), the score over the fresh units, and the freshness stratifier with the stale
/// units' count and figure apart.
/// </summary>
public static class MeasureReportRendering
{
    public static MeasureReport Render(
        Regroupement regroupement, ReportTerritory territory, AvailabilityCount count,
        IReadOnlyCollection<AvailabilityFigure> readable, DateTimeOffset computedAt, double staleAfterHours)
    {
        var id = territory.ReportId(regroupement.Code);
        var at = Instant(computedAt);
        var groups = new List<MeasureReport.GroupComponent> { Group(FigureGroup.Units, count, count.Units, count.Stale.Units, staleAfterHours) };
        groups.AddRange(Enum.GetValues<AvailabilityFigure>().Where(readable.Contains).Select(figure =>
            Group(FigureGroup.Of(figure), count, count.Figures[figure], count.Stale.Figures[figure], staleAfterHours)));
        return new MeasureReport
        {
            Id = id,
            Meta = new Meta { Profile = [MeasureCanonical.MeasureReportProfile], LastUpdatedElement = new Instant(computedAt) },
            Identifier = [new Identifier(MeasureCanonical.MeasureReportIdentifierSystem, id)],
            Status = MeasureReport.MeasureReportStatus.Complete,
            Type = MeasureReport.MeasureReportType.Summary,
            Measure = MeasureCanonical.MeasureUrl(regroupement.Code),
            Subject = territory.AsSubject(),
            DateElement = new FhirDateTime(at),
            Period = new Period { StartElement = new FhirDateTime(at), EndElement = new FhirDateTime(at) },
            Group = groups,
        };
    }

    private static MeasureReport.GroupComponent Group(FigureGroup figure, AvailabilityCount count, int? fresh, int? stale, double staleAfterHours) => new()
    {
        Code = AvailabilityMeasures.GroupCode(figure),
        Population =
        [
            Population("initial-population", "Initial Population", count.Units + count.Stale.Units),
            Population("measure-population", "Measure Population", count.Units),
            Population("measure-population-exclusion", "Measure Population Exclusion", count.Stale.Units),
        ],
        MeasureScore = Score(fresh, figure.Unit),
        Stratifier =
        [
            new MeasureReport.StratifierComponent
            {
                Code = [new CodeableConcept(MeasureCanonical.FreshnessCodeSystem, Freshness.Code, "Fraîcheur")],
                Stratum =
                [
                    Stratum(Freshness.Fresh, "Fraîches", $"updated within the last {Hours(staleAfterHours)} h", count.Units, fresh, figure.Unit),
                    Stratum(Freshness.Stale, "Périmées", $"not updated for {Hours(staleAfterHours)} h, or never supplied", count.Stale.Units, stale, figure.Unit),
                ],
            },
        ],
    };

    private static MeasureReport.StratifierGroupComponent Stratum(string code, string display, string text, int units, int? value, string unit) => new()
    {
        Value = new CodeableConcept(MeasureCanonical.FreshnessCodeSystem, code, display, text),
        Population = [new MeasureReport.StratifierGroupPopulationComponent
        {
            Code = AvailabilityMeasures.PopulationCode("initial-population", "Initial Population"),
            Count = units,
        }],
        MeasureScore = Score(value, unit),
    };

    private static MeasureReport.PopulationComponent Population(string code, string display, int count) => new()
    {
        Code = AvailabilityMeasures.PopulationCode(code, display),
        Count = count,
    };

    /// <summary>The score in beds or units (UCUM annotations); absent, with its reason, when no unit has the figure.</summary>
    private static Quantity Score(int? value, string unit)
    {
        var quantity = new Quantity { Unit = unit.Trim('{', '}'), System = RorCanonical.Ucum, Code = unit };
        if (value is { } v) quantity.Value = v;
        else quantity.Extension.Add(new Extension(MeasureCanonical.DataAbsentReason, new Code("unknown")));
        return quantity;
    }

    private static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
