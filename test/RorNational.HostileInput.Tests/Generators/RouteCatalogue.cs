using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// Every generator, by route, and the routes the host actually registers: a route added to
/// the host without a generator here fails the suite (see <c>every_route_has_a_generator</c>).
/// </summary>
public static class RouteCatalogue
{
    public static IReadOnlyList<RouteGenerator> Generators { get; } =
    [
        .. FhirReads.Routes(), .. Searches.Routes(), .. Commands.Routes(), .. ApiRoutes.Routes(), FinessImports.Generator(),
        .. CapacityPatches.Routes(), CapacityBundles.Generator(), .. MeasureRoutes.Routes(), .. AvailabilityQueries.Routes(),
        AvailabilityChanges.Generator(), .. Practitioners.Routes(), .. FhirHistory.Routes(), DescriptionRoutes.Generator(), .. AuditEventRoutes.Routes(),
        .. ProvenanceRoutes.Routes(), .. SubscriptionRoutes.Routes(), .. ExportRoutes.Routes(),
    ];

    /// <summary>"METHOD /pattern" of every endpoint under /fhir and /api (Wolverine's), as the host registered them.</summary>
    public static IReadOnlyList<string> RegisteredRoutes(EndpointDataSource endpoints) =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/fhir", StringComparison.Ordinal) || raw.StartsWith("/api", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order()];
}
