using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RorNational.Domain.Common;
using RorNational.Security.Http;

namespace RorNational.Fhir.Http;

public enum FhirSyntax { Json, Xml }

/// <summary>
/// The format of a FHIR response: _format first, then Accept (the best q; q=0 refuses);
/// JSON when neither says. Anything else is 406 Not Acceptable. _pretty=true indents.
/// </summary>
public sealed record FhirFormat(FhirSyntax Syntax, bool Pretty)
{
    public const string XmlMediaType = "application/fhir+xml";

    public string ContentType => Syntax == FhirSyntax.Json ? FhirJson.ContentType : XmlMediaType + "; charset=utf-8";

    public static FhirFormat Of(HttpRequest request)
    {
        var pretty = request.Query["_pretty"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            var other => throw CommandRejected.Because(RejectionKind.Invalid, $"'{other}' is not true or false", "_pretty"),
        };
        var format = request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            var asked = format.Split(';')[0].Trim();
            return new FhirFormat(SyntaxOf(asked) ?? (asked is "*/*" or "application/*" ? FhirSyntax.Json : throw NotAcceptable($"_format={format}")), pretty);
        }
        var accepted = MediaTypeHeaderValue.ParseList(request.Headers.Accept.OfType<string>().ToList());
        if (accepted.Count == 0) return new FhirFormat(FhirSyntax.Json, pretty);
        return new FhirFormat(BestOf(accepted) ?? throw NotAcceptable($"Accept: {request.Headers.Accept}"), pretty);
    }

    /// <summary>
    /// The syntax of highest quality (RFC 9110 §12.5.1): each syntax takes the q of the most
    /// specific range that covers it (its own media types, then application/*, then */*), so
    /// <c>*/*, application/fhir+json;q=0</c> excludes JSON; q=0 means "not acceptable"; JSON wins a tie.
    /// </summary>
    private static FhirSyntax? BestOf(IList<MediaTypeHeaderValue> accepted)
    {
        var best = ((FhirSyntax?)null, 0.0);
        foreach (var syntax in new[] { FhirSyntax.Json, FhirSyntax.Xml })
        {
            var quality = QualityOf(syntax, accepted);
            if (quality > best.Item2) best = (syntax, quality);
        }
        return best.Item1;
    }

    private static double QualityOf(FhirSyntax syntax, IList<MediaTypeHeaderValue> accepted)
    {
        double? Range(Func<string, bool> covers) => accepted.Where(m => covers(m.MediaType.Value?.ToLowerInvariant() ?? ""))
            .Select(m => m.Quality ?? 1).DefaultIfEmpty(double.NaN).Max() is var q && double.IsNaN(q) ? null : q;
        return Range(type => type is not ("*/*" or "application/*") && SyntaxOf(type) == syntax)
               ?? Range(type => type == "application/*")
               ?? Range(type => type == "*/*")
               ?? 0;
    }

    private static FhirSyntax? SyntaxOf(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "json" or "application/json" or FhirJson.MediaType or "application/json+fhir" => FhirSyntax.Json,
        "xml" or "text/xml" or "application/xml" or XmlMediaType or "application/xml+fhir" => FhirSyntax.Xml,
        _ => null,
    };

    private static HttpRefusal NotAcceptable(string asked) => new HttpRefusal(HttpRefusalKind.NotAcceptable,
        $"{asked} cannot be served: this server answers application/fhir+json (default, _format=json) and application/fhir+xml (_format=xml)");
}
