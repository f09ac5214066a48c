using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using RorNational.Domain.Common;
using RorNational.Fhir.Http;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Search.Results;
using RorNational.Security.Http;

namespace RorNational.Fhir.Search;

/// <summary>One search over HTTP: parameters in, searchset Bundle out in the negotiated format.</summary>
public sealed class SearchResponder(SearchRequestParser parser, SearchEngine engine, AccessProfiles profiles, ReadAudit audit, TimeProvider clock, IOptions<SearchOptions> options)
{
    public async Task<IResult> AnswerAsync(string resourceType, HttpContext context)
    {
        var request = context.Request;
        var format = FhirFormat.Of(request);
        var (parameters, form) = await ParametersOf(request);
        var search = parser.Parse(resourceType, parameters, IsStrict(request));
        var profile = profiles.For(context);
        var result = await engine.SearchAsync(search, profile, context.RequestAborted);
        await audit.RecordAsync(context, profile, AuditedSearch.Of(search, result, profile, audit.PublicProfile, ReadAudit.RawQueryOf(request, form)));
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
        return new FhirJsonResult(SearchBundleWriter.Writer(search, result, baseUrl, $"{baseUrl}/{resourceType}", clock.GetUtcNow()), format);
    }

    /// <summary>The query string, and for POST _search the form body too (application/x-www-form-urlencoded).</summary>
    private async Task<(List<KeyValuePair<string, string>> All, List<KeyValuePair<string, string>>? Form)> ParametersOf(HttpRequest request)
    {
        var parameters = Flatten(request.Query).ToList();
        if (!HttpMethods.IsPost(request.Method)) return (parameters, null);
        if (!request.HasFormContentType)
            throw new HttpRefusal(HttpRefusalKind.UnsupportedMediaType,
                "send the search parameters as application/x-www-form-urlencoded");
        var form = Flatten(await SearchForm.ReadAsync(request, options.Value)).ToList();
        parameters.AddRange(form);
        return (parameters, form);
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, StringValues>> values) =>
        values.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? "")));

    /// <summary>Prefer: handling=strict refuses unknown parameters; lenient (the default) ignores and reports them.</summary>
    private static bool IsStrict(HttpRequest request) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')).Any(p => p.Trim().Equals("handling=strict", StringComparison.OrdinalIgnoreCase));
}
