using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RorNational.Domain.Common;

namespace RorNational.Fhir.Http;

public enum FhirSyntax { Json, Xml }

/// <summary>
/// The format of a FHIR response: _format first, then Accept; JSON when neither says.
/// Anything else is 406 Not Acceptable. _pretty=true indents.
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
            return new FhirFormat(SyntaxOf(format.Split(';')[0].Trim()) ?? throw NotAcceptable($"_format={format}"), pretty);
        var accepted = MediaTypeHeaderValue.ParseList(request.Headers.Accept.OfType<string>().ToList())
            .OrderByDescending(m => m.Quality ?? 1).Where(m => (m.Quality ?? 1) > 0).ToList();
        if (accepted.Count == 0) return new FhirFormat(FhirSyntax.Json, pretty);
        foreach (var media in accepted)
            if (SyntaxOf(media.MediaType.Value ?? "") is { } syntax) return new FhirFormat(syntax, pretty);
        throw NotAcceptable($"Accept: {request.Headers.Accept}");
    }

    private static FhirSyntax? SyntaxOf(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "json" or "application/json" or FhirJson.MediaType or "application/json+fhir" or "*/*" or "application/*" => FhirSyntax.Json,
        "xml" or "text/xml" or "application/xml" or XmlMediaType or "application/xml+fhir" => FhirSyntax.Xml,
        _ => null,
    };

    private static CommandRejected NotAcceptable(string asked) => CommandRejected.Because(RejectionKind.NotAcceptable,
        $"{asked} cannot be served: this server answers application/fhir+json (default, _format=json) and application/fhir+xml (_format=xml)");
}
