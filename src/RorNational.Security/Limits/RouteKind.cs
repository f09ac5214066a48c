using Microsoft.AspNetCore.Http;

namespace RorNational.Security.Limits;

/// <summary>The kinds of FHIR route a client's limits are set for.</summary>
public enum RouteKind
{
    /// <summary>A resource by id, a version, a resource's history, the CapabilityStatement; any other FHIR request.</summary>
    Read,
    /// <summary>A search (GET /fhir/{type}?…, POST /fhir/{type}/_search), the history of a type or of the system.</summary>
    Search,
    /// <summary>A capacity PATCH of a Location, a supplier's Bundle (POST /fhir): one permit per entry.</summary>
    Supply,
    /// <summary>A bulk export: any segment that begins with <c>$export</c> (kick-off, status, files).</summary>
    Export,
}

/// <summary>
/// Which kind of route a request is, from its method and path alone (no routing needed, no
/// allocation). Only FHIR requests are limited: null for /api, /health and anything else.
/// </summary>
public static class RouteKinds
{
    public const int Count = 4;

    private const string Fhir = "/fhir";

    public static RouteKind? Of(HttpRequest request) => Of(request.Method, request.Path.Value);

    public static RouteKind? Of(string method, string? path)
    {
        if (path is null || !path.StartsWith(Fhir, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = path.AsSpan(Fhir.Length);
        if (rest.Length > 0 && rest[0] != '/') return null;
        rest = rest.Trim('/');
        if (rest.IsEmpty) return HttpMethods.IsPost(method) ? RouteKind.Supply : RouteKind.Read;

        var segments = 0;
        ReadOnlySpan<char> first = default, second = default, last = default;
        foreach (var range in rest.Split('/'))
        {
            var segment = rest[range];
            if (segment.StartsWith("$export", StringComparison.OrdinalIgnoreCase)) return RouteKind.Export;
            if (segments == 0) first = segment;
            else if (segments == 1) second = segment;
            last = segment;
            segments++;
        }
        if (HttpMethods.IsPatch(method)) return RouteKind.Supply;
        if (HttpMethods.IsPost(method)) return Is(last, "_search") ? RouteKind.Search : RouteKind.Read;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) return RouteKind.Read;
        return segments switch
        {
            // GET /fhir/{type}: a search; /fhir/_history: the system's history; /fhir/metadata: a read.
            1 => Is(first, "metadata") ? RouteKind.Read : RouteKind.Search,
            // GET /fhir/{type}/_history, /fhir/{type}/_search: searches; /fhir/{type}/{id}: a read.
            2 => Is(second, "_history") || Is(second, "_search") ? RouteKind.Search : RouteKind.Read,
            _ => RouteKind.Read,
        };
    }

    /// <summary>Routing matches paths whatever their case: so does this.</summary>
    private static bool Is(ReadOnlySpan<char> segment, string name) => segment.Equals(name, StringComparison.OrdinalIgnoreCase);
}
