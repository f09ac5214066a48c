using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Availability.Measures.Searching;

/// <summary>
/// Reads a search on Measure or MeasureReport as the other searches of /fhir are read: the same
/// bounds (Search: settings), unknown parameters ignored and reported (lenient, the default) or
/// refused under Prefer: handling=strict, malformed values refused with 400 naming the parameter.
/// The parameters are the SearchParameter resources of fhir-profiles/SearchParameter for these types.
/// </summary>
public sealed class MeasureSearchParser(SearchParameterCatalog catalog, ValueParser values, IOptions<SearchOptions> options)
{
    public const string Measure = "Measure";
    public const string MeasureReport = "MeasureReport";

    /// <summary>The parameters of each type, by code: what the CapabilityStatement lists.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Parameters = new Dictionary<string, string[]>
    {
        [Measure] = ["_id", "identifier", "name", "url"],
        [MeasureReport] = ["_id", "date", "measure", "subject", "territory"],
    };

    public MeasureSearch Parse(string type, IEnumerable<KeyValuePair<string, string>> parameters, bool strict)
    {
        var limits = options.Value;
        var search = new MeasureSearch { Request = new SearchRequest { ResourceType = type, Count = limits.DefaultCount } };
        var request = search.Request;
        var all = parameters.Take(limits.MaxParameters + 1).ToList();
        if (all.Count > limits.MaxParameters)
            throw SearchLimits.Exceeded(all[^1].Key, "too many parameters", limits.MaxParameters, nameof(SearchOptions.MaxParameters));
        var includes = 0;
        foreach (var (name, value) in all)
        {
            SearchLimits.CheckPair(name, value, limits);
            if (name == PageCursor.ParameterName)
            {
                request.Cursor = PageCursor.Decode(value);
                continue;
            }
            request.Canonical.Add(new(name, value));
            if (name is "_format" or "_pretty") continue;
            try
            {
                if (name is "_include" or "_revinclude" && ++includes > limits.MaxIncludes)
                    throw SearchLimits.Exceeded(name, "too many _include and _revinclude (each counts, repeated or not)", limits.MaxIncludes, nameof(SearchOptions.MaxIncludes));
                if (!ShapingParameters.Apply(request, name, value, limits)) Criterion(search, type, name, value, limits);
            }
            catch (UnknownParameter unknown)
            {
                if (strict) throw ValueParser.Invalid(unknown.Name, unknown.Message + " (Prefer: handling=strict)");
                request.Warnings.Add($"{unknown.Name}: ignored, {unknown.Message}");
            }
        }
        return search;
    }

    private void Criterion(MeasureSearch search, string type, string name, string value, SearchOptions limits)
    {
        switch (type, name)
        {
            case (Measure, "_revinclude"):
                search.IncludeReports = value == "MeasureReport:measure" || value == "MeasureReport:measure:Measure"
                    ? true : throw new UnknownParameter(name, $"'{value}': Measures take only _revinclude=MeasureReport:measure");
                return;
            case (MeasureReport, "_include"):
                search.IncludeMeasures = value == "MeasureReport:measure" || value == "MeasureReport:measure:Measure"
                    ? true : throw new UnknownParameter(name, $"'{value}': MeasureReports take only _include=MeasureReport:measure");
                return;
            case (Measure, _) when name.StartsWith("_has:", StringComparison.Ordinal):
                search.ReportsItHas.Add([Has(name, value, limits)]);
                return;
        }
        var (code, modifier) = Split(name);
        if (!Parameters[type].Contains(code))
            throw new UnknownParameter(name, $"{type} has no search parameter '{code}' on this server (it has {string.Join(", ", Parameters[type])})");
        var definition = Definition(type, code);
        if (modifier is not null && !definition.Allows(modifier))
            throw ValueParser.Invalid(name, $"does not take the modifier :{modifier}");
        if (code == "subject")
        {
            // A logical reference (the territory's code): read as the token it holds.
            if (modifier != "identifier")
                throw ValueParser.Invalid(name, "the subject is a logical reference to the territory: search it with subject:identifier=<system>|<code>, or territory=<code>");
            definition = Definition(type, "territory");
        }
        var alternatives = SearchLimits.Alternatives(name, value, limits)
            .Select(raw => values.Parse(definition, name, modifier == "identifier" ? null : modifier, raw)).ToList();
        if (type == Measure) search.MeasureCriteria.Add(MeasureCriteria.Of(search, name, code, modifier, alternatives));
        else search.ReportCriteria.Add(ReportCriteria.Of(search, name, code, alternatives));
    }

    /// <summary>_has:MeasureReport:measure:param=value: the Measures one of whose reports meets param=value.</summary>
    private Func<AvailabilityReport, bool> Has(string name, string value, SearchOptions limits)
    {
        var parts = name.Split(':', 4);
        if (parts.Length != 4 || parts[1] != MeasureReport || parts[2] != "measure")
            throw new UnknownParameter(name, "Measures take only _has:MeasureReport:measure:<parameter>");
        var inner = new MeasureSearch { Request = new SearchRequest { ResourceType = MeasureReport } };
        Criterion(inner, MeasureReport, parts[3], value, limits);
        if (inner.ReportCriteria.Count != 1) throw ValueParser.Invalid(name, "takes a search parameter of MeasureReport");
        return inner.ReportCriteria[0];
    }

    private SearchParameterDefinition Definition(string type, string code) =>
        catalog.All.First(definition => definition.Code == code && definition.AppliesTo(type));

    private static (string Code, string? Modifier) Split(string name)
    {
        var colon = name.IndexOf(':');
        return colon < 0 ? (name, null) : (name[..colon], name[(colon + 1)..]);
    }
}
