using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using RorNational.Fhir.Search;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Search.Results;
using RorNational.Security.Http;

namespace RorNational.Fhir.Availability.Measures.Searching;

/// <summary>
/// One search on Measure or MeasureReport over HTTP: the searchset Bundle of the other searches
/// (self/next/previous links, total, match and include entries, ignored parameters in an
/// OperationOutcome entry), pages by id. MeasureReports are computed for this request.
/// </summary>
public sealed class MeasureSearchResponder(
    MeasureSearchParser parser, AvailabilityMeasures measures, AvailabilityReports reports,
    AccessProfiles profiles, TimeProvider clock, IOptions<SearchOptions> options)
{
    public async Task<IResult> AnswerAsync(string type, HttpContext context)
    {
        var request = context.Request;
        var format = FhirFormat.Of(request);
        var search = parser.Parse(type, await ParametersOf(request), IsStrict(request));
        var profile = profiles.For(context);
        var (matches, includes) = type == MeasureSearchParser.Measure
            ? await MeasuresAsync(search, profile, context.RequestAborted)
            : await ReportsAsync(search, profile, context.RequestAborted);
        var result = SearchPages.Page(search.Request, matches, includes);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
        return new FhirJsonResult(SearchBundleWriter.Writer(search.Request, result, baseUrl, $"{baseUrl}/{type}", clock.GetUtcNow()), format);
    }

    private async Task<(List<Resource> Matches, Func<IEnumerable<Resource>, IEnumerable<Resource>> Includes)> MeasuresAsync(
        MeasureSearch search, AccessProfile profile, CancellationToken cancellation)
    {
        var candidates = measures.All.Where(search.Matches).ToList();
        var computed = search.IncludeReports || search.ReportsItHas.Count > 0
            ? await reports.ComputeAsync(candidates.Select(m => m.Id!).ToHashSet(StringComparer.Ordinal), profile, cancellation)
            : [];
        var matches = candidates.Where(measure => search.ReportsItHas.All(has =>
            computed.Any(report => report.Regroupement == measure.Id && has.All(criterion => criterion(report))))).ToList<Resource>();
        return (matches, page => search.IncludeReports
            ? page.SelectMany(measure => computed.Where(report => report.Regroupement == measure.Id)).Select(report => report.Resource)
            : []);
    }

    private async Task<(List<Resource> Matches, Func<IEnumerable<Resource>, IEnumerable<Resource>> Includes)> ReportsAsync(
        MeasureSearch search, AccessProfile profile, CancellationToken cancellation)
    {
        var computed = await reports.ComputeAsync(search.Regroupements, profile, cancellation);
        var matches = computed.Where(search.Matches).Select(report => report.Resource).ToList<Resource>();
        return (matches, page => search.IncludeMeasures
            ? page.Cast<MeasureReport>().Select(report => MeasureCanonical.RegroupementOfUrl(report.Measure!)).Distinct()
                .Select(regroupement => measures.Find(regroupement!)).OfType<Measure>()
            : []);
    }

    /// <summary>The query string, and for POST _search the form body too (application/x-www-form-urlencoded).</summary>
    private async Task<List<KeyValuePair<string, string>>> ParametersOf(HttpRequest request)
    {
        var parameters = Flatten(request.Query).ToList();
        if (!HttpMethods.IsPost(request.Method)) return parameters;
        if (!request.HasFormContentType)
            throw new HttpRefusal(HttpRefusalKind.UnsupportedMediaType, "send the search parameters as application/x-www-form-urlencoded");
        parameters.AddRange(Flatten(await SearchForm.ReadAsync(request, options.Value)));
        return parameters;
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? "")));

    private static bool IsStrict(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')).Any(p => p.Trim().Equals("handling=strict", StringComparison.OrdinalIgnoreCase));
}
