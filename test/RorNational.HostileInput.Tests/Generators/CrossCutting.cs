using CsCheck;
using RorNational.HostileInput.Tests.Requests;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// The faults any route can receive, applied to a plausible request for it: bad tokens or no
/// rights, a path or method the host does not serve, a body or an Accept it does not take.
/// </summary>
public static class CrossCutting
{
    private static readonly string[] ExtraSegments = ["/bogus", "/_history/1/x", "/..%2F..", "/$everything", "//"];

    /// <param name="hasBody">Whether the route reads a body (a wrong content type then applies).</param>
    public static Gen<HostileRequest> Of(Targets targets, string route, Gen<HostileRequest> plausible, bool hasBody)
    {
        var badToken = Gen.Select(plausible, Gen.OneOf([.. targets.BadAuthorizations]),
            (request, header) => request with { Category = Category.Tokens, Caller = new Caller.RawAuthorization(header) });
        // An editor of another EG may record professionals (an editor of any EG may).
        var noRights = Gen.Select(plausible, Practitioners.IsPractitionerRoute(route)
                ? Gen.OneOf<Caller>(new Caller.Anonymous(), new Caller.Client("test-public"))
                : Gen.OneOf<Caller>(new Caller.Anonymous(), new Caller.Client("test-public"), new Caller.Client("test-other-editor")),
            (request, caller) => request with { Category = Category.Tokens, Caller = caller });
        var unknownPath = Gen.Select(plausible, Gen.OneOf(ExtraSegments),
            (request, extra) => request with { Category = Category.UnknownRoutes, Path = WithExtraSegment(request.Path, extra) });
        var wrongMethod = Gen.Select(plausible, Gen.OneOf("PROPFIND", "TRACE-X", "DELETE", "PATCH", "PUT"),
            (request, method) => request with { Category = Category.UnknownRoutes, Method = new HttpMethod(method) })
            .Where(request => request.Method.Method != route[..route.IndexOf(' ')] && !Serves(request));
        var cases = new List<IGen<HostileRequest>> { badToken, unknownPath, wrongMethod };
        // The availability synthesis reads with any caller's consumer profile, as FHIR reads, and
        // answers JSON whatever Accept says: only a caller without a token is refused (401).
        if (AvailabilityQueries.IsAvailabilityRoute(route))
            cases.Add(plausible.Select(request => request with { Category = Category.Tokens, Caller = new Caller.Anonymous() }));
        else if (route.Contains(" /api/", StringComparison.Ordinal)) cases.Add(noRights);
        else cases.Add(NotAcceptable(plausible));
        // A FINESS extract is recognised by its content, whatever its declared type.
        if (hasBody && route != FinessImports.Route) cases.Add(WrongContentType(plausible));
        return Gen.OneOf<HostileRequest>([.. cases]);
    }

    /// <summary>
    /// A route the host serves with another method than the plausible one: never generated as
    /// "wrong" (DELETE on a fiche would withdraw the set-up's draft; PATCH on the editors' view is
    /// the merge patch route).
    /// </summary>
    private static bool Serves(HostileRequest request) =>
        (request.Method == HttpMethod.Delete || request.Method == HttpMethod.Put) && request.Route.EndsWith("/fiches/{ficheId}", StringComparison.Ordinal)
        || request.Method == HttpMethod.Patch && request.Route == "GET /api/establishments/{egId}";

    private static string WithExtraSegment(string path, string extra)
    {
        var query = path.IndexOf('?');
        return query < 0 ? path + extra : path[..query] + extra + path[query..];
    }

    private static Gen<HostileRequest> NotAcceptable(Gen<HostileRequest> plausible) =>
        Gen.Select(plausible, Gen.OneOf("accept:text/html", "accept:application/fhir+json;q=0", "accept:application/pdf",
                "accept:application/fhir+xml;q=0, application/fhir+json;q=0", "format:html", "format:%00", "format:" + Malformed.Long(3000)),
            (request, fault) => request with { Category = Category.ContentTypes } is var r && fault.StartsWith("accept:", StringComparison.Ordinal)
                ? r.WithHeader("Accept", fault["accept:".Length..])
                : r with { Path = r.Path + (r.Path.Contains('?') ? "&" : "?") + "_format=" + fault["format:".Length..] });

    private static Gen<HostileRequest> WrongContentType(Gen<HostileRequest> plausible) =>
        Gen.Select(plausible, Gen.OneOf<string?>("text/plain", "application/json", "application/fhir+xml", "application/xml", "text/html", "application/octet-stream", null,
                "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded", "application/jsonx", "image/png"),
            (request, contentType) => request with
            {
                Category = Category.ContentTypes,
                Body = request.Body! with { ContentType = SwappedContentType(request, contentType) },
            })
            .Where(request => request.Body!.ContentType != PlausibleContentType(request));

    /// <summary>A search form sent as JSON is the wrong type; anything else sent as a form is.</summary>
    private static string? SwappedContentType(HostileRequest request, string? contentType) =>
        request.Route.EndsWith("/_search", StringComparison.Ordinal) && contentType == "application/x-www-form-urlencoded" ? "application/json" : contentType;

    private static string PlausibleContentType(HostileRequest request) =>
        request.Route.EndsWith("/_search", StringComparison.Ordinal) ? "application/x-www-form-urlencoded"
        : request.Route is CapacityPatches.ByIdentifier or CapacityPatches.ById or CapacityBundles.Route ? CapacityPatches.FhirJson
        : "application/json";
}
