using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using RorNational.Domain.Common;
using RorNational.Fhir.Http;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Search.Results;
using Wolverine.Http;

namespace RorNational.Fhir.Search;

/// <summary>
/// FHIR search: GET /fhir/{type}?... and POST /fhir/{type}/_search (form body), one route per
/// served type so that the CapabilityStatement sees each.
/// </summary>
public static class SearchEndpoints
{
    [WolverineGet("/fhir/Organization")]
    public static Task<IResult> SearchOrganizations(HttpContext context, SearchRequestParser parser, SearchEngine engine, TimeProvider clock) =>
        Search("Organization", context, parser, engine, clock);

    [WolverinePost("/fhir/Organization/_search")]
    public static Task<IResult> PostSearchOrganizations(HttpContext context, SearchRequestParser parser, SearchEngine engine, TimeProvider clock) =>
        Search("Organization", context, parser, engine, clock);

    [WolverineGet("/fhir/HealthcareService")]
    public static Task<IResult> SearchHealthcareServices(HttpContext context, SearchRequestParser parser, SearchEngine engine, TimeProvider clock) =>
        Search("HealthcareService", context, parser, engine, clock);

    [WolverinePost("/fhir/HealthcareService/_search")]
    public static Task<IResult> PostSearchHealthcareServices(HttpContext context, SearchRequestParser parser, SearchEngine engine, TimeProvider clock) =>
        Search("HealthcareService", context, parser, engine, clock);

    [WolverineGet("/fhir/Location")]
    public static Task<IResult> SearchLocations(HttpContext context, SearchRequestParser parser, SearchEngine engine, TimeProvider clock) =>
        Search("Location", context, parser, engine, clock);

    [WolverinePost("/fhir/Location/_search")]
    public static Task<IResult> PostSearchLocations(HttpContext context, SearchRequestParser parser, SearchEngine engine, TimeProvider clock) =>
        Search("Location", context, parser, engine, clock);

    private static async Task<IResult> Search(string resourceType, HttpContext context, SearchRequestParser parser, SearchEngine engine, TimeProvider clock)
    {
        var request = context.Request;
        var format = FhirFormat.Of(request);
        var parameters = await ParametersOf(request);
        var search = parser.Parse(resourceType, parameters, IsStrict(request));
        var result = await engine.SearchAsync(search, SearchAccess.DeniedTo(context), context.RequestAborted);
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
        var bundle = SearchBundleWriter.Write(search, result, baseUrl, $"{baseUrl}/{resourceType}", clock.GetUtcNow());
        return Microsoft.AspNetCore.Http.Results.Text(FhirOutput.Render(bundle, format), format.ContentType, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>The query string, and for POST _search the form body too (application/x-www-form-urlencoded).</summary>
    private static async Task<List<KeyValuePair<string, string>>> ParametersOf(HttpRequest request)
    {
        var parameters = Flatten(request.Query).ToList();
        if (!HttpMethods.IsPost(request.Method)) return parameters;
        if (!request.HasFormContentType)
            throw CommandRejected.Because(RejectionKind.UnsupportedMediaType,
                "send the search parameters as application/x-www-form-urlencoded");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        parameters.AddRange(Flatten(form));
        return parameters;
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? "")));

    /// <summary>Prefer: handling=strict refuses unknown parameters; lenient (the default) ignores and reports them.</summary>
    private static bool IsStrict(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')).Any(p => p.Trim().Equals("handling=strict", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The data classes a caller may not search on. Access profiles (issue 5) set them per client;
/// until then every caller reads everything, as plain reads do.
/// </summary>
public static class SearchAccess
{
    public static SearchDataClass DeniedTo(HttpContext context) => SearchDataClass.None;
}
