using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Availability.Measures.Searching;

/// <summary>
/// The criteria of a MeasureReport search: _id, measure (canonical url, Measure/id or id),
/// date, subject:identifier and territory (the territory's system|code).
/// <see cref="_id"/> and measure also tell which regroupements need computing at all.
/// </summary>
public static class ReportCriteria
{
    public static Func<AvailabilityReport, bool> Of(MeasureSearch search, string name, string code, IReadOnlyList<SearchValue> values)
    {
        if (values.Any(v => v is MissingValue)) throw ValueParser.Invalid(name, "does not take :missing here: every MeasureReport has it");
        switch (code)
        {
            case "_id":
                var ids = values.OfType<TokenValue>().Where(t => t.Code is not null).Select(t => t.Code!).ToList();
                search.RestrictTo(ids.Select(ReportTerritory.ParseReportId).OfType<(TerritoryLevel, string?, string Regroupement)>().Select(p => p.Regroupement));
                return report => values.OfType<TokenValue>().Any(token => ValueMatching.Token(token, null, report.Id));
            case "measure":
                var regroupements = values.Cast<ReferenceValue>().Select(v => Regroupement(name, v)).ToList();
                search.RestrictTo(regroupements.OfType<string>());
                return report => regroupements.Contains(report.Regroupement);
            case "date":
                return report => values.Cast<DateValue>().Any(date => ValueMatching.Date(date, report.ComputedAt));
            case "subject" or "territory":
                return report => values.OfType<TokenValue>().Any(token => ValueMatching.Token(token, report.Territory.System, report.Territory.Code));
            default:
                throw new UnknownParameter(name, $"MeasureReport has no search parameter '{code}'");
        }
    }

    /// <summary>The regroupement a measure value names: Measure/{id}, {id}, or the Measure's canonical url (urn:ror-national:measure:{id}).</summary>
    private static string? Regroupement(string name, ReferenceValue value)
    {
        if (value.Type is not null && value.Type != "Measure")
            throw ValueParser.Invalid(name, $"refers to a Measure, not to a {value.Type}");
        return value.Id.StartsWith("urn:", StringComparison.Ordinal) ? MeasureCanonical.RegroupementOfUrl(value.Id) : value.Id;
    }
}
