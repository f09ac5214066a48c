using Hl7.Fhir.Model;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Availability.Measures.Searching;

/// <summary>
/// A parsed search on Measure or MeasureReport. <see cref="Request"/> carries what every search
/// Bundle of this server needs (page size, cursor, _summary/_elements, the query as understood,
/// the ignored parameters); the criteria are predicates, each parameter one, all to hold
/// (a parameter's comma-separated values are alternatives inside its predicate).
/// </summary>
public sealed class MeasureSearch
{
    public required SearchRequest Request { get; init; }

    public List<Func<Measure, bool>> MeasureCriteria { get; } = [];

    public List<Func<AvailabilityReport, bool>> ReportCriteria { get; } = [];

    /// <summary>_has:MeasureReport:measure:X on Measure: each entry the criteria of one _has, a Measure matches when one of its reports meets them all.</summary>
    public List<List<Func<AvailabilityReport, bool>>> ReportsItHas { get; } = [];

    /// <summary>The regroupements the search can match at all (from measure, _id, identifier...): null when any.</summary>
    public HashSet<string>? Regroupements { get; private set; }

    /// <summary>_revinclude=MeasureReport:measure on Measure.</summary>
    public bool IncludeReports { get; set; }

    /// <summary>_include=MeasureReport:measure on MeasureReport.</summary>
    public bool IncludeMeasures { get; set; }

    public bool Matches(Measure measure) => MeasureCriteria.All(criterion => criterion(measure));

    public bool Matches(AvailabilityReport report) => ReportCriteria.All(criterion => criterion(report));

    /// <summary>Narrows the regroupements a search can match: a repeated parameter must hold too.</summary>
    public void RestrictTo(IEnumerable<string> regroupements)
    {
        var set = regroupements.ToHashSet(StringComparer.Ordinal);
        if (Regroupements is null) Regroupements = set;
        else Regroupements.IntersectWith(set);
    }
}
