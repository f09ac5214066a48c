using System.Reflection;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Capabilities;

/// <summary>
/// Derives the CapabilityStatement from the routes actually registered under /fhir, so it
/// cannot claim an interaction the server does not serve, nor miss one it does.
/// </summary>
public sealed class CapabilityStatementBuilder(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<(string Type, CapabilityStatement.TypeRestfulInteraction Interaction)>> _routes =
        new(() => FhirRoutes(endpoints).Distinct().OrderBy(r => r.Type).ThenBy(r => r.Interaction).ToList());

    public CapabilityStatement Build(string baseUrl)
    {
        var software = typeof(CapabilityStatementBuilder).Assembly.GetName().Version?.ToString() ?? "0";
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            DateElement = new FhirDateTime(DateTimeOffset.UtcNow),
            Publisher = "RorNational",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "RorNational", Version = software },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "RorNational: national repository of the health and medico-social offer",
                Url = baseUrl,
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [FhirJson.MediaType],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Resource = _routes.Value.GroupBy(r => r.Type).Select(g => new CapabilityStatement.ResourceComponent
                    {
                        Type = g.Key,
                        Profile = ProfileOf(g.Key),
                        Interaction = g.Select(r => new CapabilityStatement.ResourceInteractionComponent { Code = r.Interaction }).ToList(),
                    }).ToList(),
                },
            ],
        };
    }

    private static string? ProfileOf(string type) => type switch
    {
        "Organization" => RorCanonical.OrganizationProfile,
        "HealthcareService" => RorCanonical.HealthcareServiceProfile,
        "Location" => RorCanonical.LocationProfile,
        _ => null,
    };

    private static IEnumerable<(string Type, CapabilityStatement.TypeRestfulInteraction Interaction)> FhirRoutes(EndpointDataSource source)
    {
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var segments = endpoint.RoutePattern.PathSegments.Select(Describe).ToArray();
            if (segments.Length < 2 || segments[0] != "fhir" || !ModelInfo.IsKnownResource(segments[1])) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods)
            {
                var interaction = Interaction(method, segments[2..]);
                if (interaction is not null) yield return (segments[1], interaction.Value);
            }
        }
    }

    /// <summary>A literal segment as itself, a parameter as "{}".</summary>
    private static string Describe(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : "{}";

    private static CapabilityStatement.TypeRestfulInteraction? Interaction(string method, string[] rest) =>
        (method, string.Join('/', rest)) switch
        {
            ("GET", "{}") => CapabilityStatement.TypeRestfulInteraction.Read,
            ("GET", "{}/_history/{}") => CapabilityStatement.TypeRestfulInteraction.Vread,
            ("GET", "{}/_history") => CapabilityStatement.TypeRestfulInteraction.HistoryInstance,
            ("GET", "_history") => CapabilityStatement.TypeRestfulInteraction.HistoryType,
            ("GET", "") or ("POST", "_search") => CapabilityStatement.TypeRestfulInteraction.SearchType,
            ("POST", "") => CapabilityStatement.TypeRestfulInteraction.Create,
            ("PUT", "{}") => CapabilityStatement.TypeRestfulInteraction.Update,
            ("PATCH", "{}") or ("PATCH", "") => CapabilityStatement.TypeRestfulInteraction.Patch,
            ("DELETE", "{}") => CapabilityStatement.TypeRestfulInteraction.Delete,
            _ => null,
        };
}
