using System.Reflection;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using RorNational.Fhir.Http;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Search.Definitions;

using RorNational.Fhir.Access;

using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Capabilities;

/// <summary>
/// Derives the CapabilityStatement from the routes actually registered under /fhir, so it
/// cannot claim an interaction the server does not serve, nor miss one it does. The same
/// statement is the same bytes on every call (HEAD's Content-Length is GET's).
/// </summary>
public sealed class CapabilityStatementBuilder(EndpointDataSource endpoints, SearchParameterCatalog searchParameters, TimeProvider clock)
{
    /// <summary>
    /// The statement's date: when this process first built it (a singleton), to the second, in
    /// a fixed format. The statement changes only with a new process, so its date is not "now".
    /// </summary>
    private readonly string _date = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private readonly Lazy<IReadOnlyList<(string Type, CapabilityStatement.TypeRestfulInteraction Interaction)>> _routes =
        new(() => FhirRoutes(endpoints).Distinct().OrderBy(r => r.Type).ThenBy(r => r.Interaction).ToList());

    /// <summary>The statement as a profile reads it: only the search parameters that can match for it.</summary>
    public CapabilityStatement Build(string baseUrl, AccessProfile profile)
    {
        var software = typeof(CapabilityStatementBuilder).Assembly.GetName().Version?.ToString() ?? "0";
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            DateElement = new FhirDateTime(_date),
            Publisher = "RorNational",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "RorNational", Version = software },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "RorNational: national repository of the health and medico-social offer",
                Url = baseUrl,
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [FhirJson.MediaType, FhirFormat.XmlMediaType],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = $"Served to the access profile {profile.Code} ({profile.Name}).",
                    Security = new CapabilityStatement.SecurityComponent
                    {
                        Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")],
                        Description = "OAuth2 bearer tokens (JWT) identifying a registered client; each client reads with its access profile.",
                    },
                    Resource = _routes.Value.GroupBy(r => r.Type).Select(g => new CapabilityStatement.ResourceComponent
                    {
                        Type = g.Key,
                        Profile = ProfileOf(g.Key),
                        Interaction = g.Select(r => new CapabilityStatement.ResourceInteractionComponent
                        {
                            Code = r.Interaction,
                            // R4 has no conditionalPatch element: a PATCH on the type itself (conditional) is said here.
                            Documentation = r.Interaction == CapabilityStatement.TypeRestfulInteraction.Patch && HasRoute(endpoints, "PATCH", "fhir", g.Key)
                                ? $"Also conditional: PATCH [base]/{g.Key}?identifier=..." + (g.Key == "Location" ? " (capacity suppliers: identifier=1<FINESS of the EG>/<idExterneSynchro>)." : ".")
                                : null,
                        }).ToList(),
                    }).Select(resource => DescribeSearch(resource, profile)).Select(DescribeOperations).ToList(),
                    // POST /fhir takes transaction and batch Bundles (of capacity PATCHes).
                    Interaction = (HasRoute(endpoints, "POST", "fhir")
                        ?
                        new List<CapabilityStatement.SystemInteractionComponent>
                        {
                            new() { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
                            new() { Code = CapabilityStatement.SystemRestfulInteraction.Batch },
                        }
                        : []).Concat(HasRoute(endpoints, "GET", "fhir", "_history")
                        ? [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.HistorySystem }]
                        : []).ToList(),
                    Operation = HasRoute(endpoints, "GET", "fhir", "$export")
                        ? [new CapabilityStatement.OperationComponent { Name = "export", Definition = BulkExportDefinition, Documentation = OperationDocumentation["export"] }]
                        : [],
                },
            ],
            InstantiatesElement = HasRoute(endpoints, "GET", "fhir", "$export") ? [new Canonical(BulkDataCapabilities)] : [],
        };
    }

    /// <summary>Bulk Data Access 2.0: the export operation and the capabilities a server that offers it instantiates.</summary>
    public const string BulkExportDefinition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export";

    public const string BulkDataCapabilities = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";

    /// <summary>How the capacity parameters combine (<see cref="SameIndicator"/>), told with each of them.</summary>
    public const string SameIndicatorRule =
        "All the capacity criteria of one search (capacity-type, capacity-status, temporality-capacity, gender-capacity-available, " +
        "capacity-closing-type, additional-bed-type, crisis-type, temporary-assignement, nb-capacity, capacity-update-date), " +
        "and those chained through one reference (location.capacity-status=02&location.nb-capacity=gt0), " +
        "hold on the same indicator (one ror-location-supported-capacity extension) of one Location, as in the guide's ST4 scenarios. " +
        ":missing=true on capacity-type, capacity-status, temporality-capacity, temporary-assignement, nb-capacity or capacity-update-date " +
        "matches a Location without any indicator; on the other capacity parameters, an indicator without that element.";

    /// <summary>How the equipment parameters combine (<see cref="SameEquipment"/>), told with each of them.</summary>
    public const string SameEquipmentRule =
        "All the equipment criteria of one search (equipment-type, equipment-feature, limit-value), and those chained through one " +
        "reference (location.equipment-type=088&location.equipment-feature=001&location.limit-value=ge200|http://unitsofmeasure.org|kg), " +
        "hold on the same equipment (one ror-location-equipment extension) of one Location and on one of its limits, as in the guide's ST4 scenario. " +
        "With several equipment-feature criteria, the equipment has a limit for each, and each limit-value holds on a limit whose feature is asked for " +
        "(equipment-feature=001&limit-value=ge200|http://unitsofmeasure.org|kg&equipment-feature=002&limit-value=ge70|http://unitsofmeasure.org|cm: " +
        "one equipment holding 200 kg and 70 cm, whatever the order of the parameters). " +
        ":missing=true on equipment-type matches a Location without equipment; on equipment-feature or limit-value, an equipment without limits.";

    /// <summary>How the price parameters combine (<see cref="SamePrice"/>) and sort (<see cref="PriceSort"/>), told with each of them.</summary>
    public const string SamePriceRule =
        "All the price criteria of one search (price-type, price-unit, price-amount-value, price-validity-start-date, price-residential-type, " +
        "price-dependency-level, price-welcome-type, special-price), and those chained through one reference " +
        "(organization.price-type=02&organization.price-amount-value=lt65), hold on the same price (one ror-organization-price extension) " +
        "of one Organization, as in the guide's ST8 scenario. _sort=price-validity-start-date (or, chained, organization.price-validity-start-date) " +
        "sorts on the earliest start (descending: the latest) of the prices the caller may see; no dated price comes last.";

    /// <summary>The search parameters, includes and sorts of a searchable type, from fhir-profiles/ SearchParameters.</summary>
    private CapabilityStatement.ResourceComponent DescribeSearch(CapabilityStatement.ResourceComponent resource, AccessProfile profile)
    {
        if (!resource.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.SearchType)) return resource;
        var type = resource.Type!;
        if (MeasureCapabilities.Describes(type)) return MeasureCapabilities.DescribeSearch(resource, searchParameters);
        if (AuditCapabilities.Describes(type)) return AuditCapabilities.DescribeSearch(resource);
        if (ProvenanceCapabilities.Describes(type)) return ProvenanceCapabilities.DescribeSearch(resource);
        var parameters = searchParameters.Of(type).Where(p => profile.MaySearch(ParameterClasses.Of(p.Code))).ToList();
        resource.SearchParam = parameters.Select(p => new CapabilityStatement.SearchParamComponent
        {
            Name = p.Code,
            Definition = p.Url,
            Type = p.Type,
            Documentation = type == "Organization" && SamePrice.Parameters.ContainsKey(p.Code) ? p.Description + " " + SamePriceRule
                : type != "Location" ? p.Description
                : SameIndicator.Parameters.ContainsKey(p.Code) ? p.Description + " " + SameIndicatorRule
                : SameEquipment.Parameters.ContainsKey(p.Code) ? p.Description + " " + SameEquipmentRule
                : p.Description,
        }).ToList();
        resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
        {
            Name = "_filter", Type = SearchParamType.Special,
            Documentation = "and/or/not, parentheses; eq ne gt ge lt le sa eb sw co pr on the parameters above",
        });
        resource.SearchInclude = parameters.Where(p => p.Type == SearchParamType.Reference).Select(p => $"{type}:{p.Code}").ToList();
        resource.SearchRevInclude = SearchParameterCatalog.ResourceTypes
            .SelectMany(source => searchParameters.Of(source)
                .Where(p => p.Type == SearchParamType.Reference && p.Targets.Contains(type))
                .Select(p => $"{source}:{p.Code}"))
            .ToList();
        return resource;
    }

    /// <summary>The operations on instances of a type: routes GET /fhir/{type}/{id}/$name (such as $diff).</summary>
    private CapabilityStatement.ResourceComponent DescribeOperations(CapabilityStatement.ResourceComponent resource)
    {
        var names = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => endpoint.RoutePattern.PathSegments.Select(Describe).ToArray())
            .Where(segments => segments.Length == 4 && segments[0] == "fhir" && segments[1] == resource.Type && segments[2] == "{}" && segments[3].StartsWith('$'))
            .Select(segments => segments[3][1..]).Distinct().Order();
        resource.Operation.AddRange(names.Select(name => new CapabilityStatement.OperationComponent
        {
            Name = name,
            Definition = name == "export" ? BulkExportDefinition : $"{OperationDefinitionBase}/{name}",
            Documentation = OperationDocumentation.GetValueOrDefault(name),
        }));
        return resource;
    }

    /// <summary>The canonical base of this server's own operations.</summary>
    public const string OperationDefinitionBase = "urn:ror-national:OperationDefinition";

    private static readonly Dictionary<string, string> OperationDocumentation = new()
    {
        ["export"] = "FHIR Bulk Data 2.0 export, asynchronous (202 and Content-Location, then $export-poll-status?_jobId=): _outputFormat (ndjson), _type, " +
            "_since, _typeFilter; the whole repository at the system level, an EJ or EG and everything under it at the Organization level. " +
            "Files hold what the caller's access profile may see, from one snapshot cut at one event of the store's sequence.",
        ["description"] = "Auditors only. GET [base]/Organization/[EG id]/$description?at=[instant]: a Bundle (collection) of what was published of the establishment " +
            "at that instant (the EG, its EJ, pôles, services, UF, UO, PractitionerRoles and lieux with their capacity), each resource in " +
            "the version it had then, rebuilt by replaying the events up to the instant; redacted for the caller's profile.",
        ["diff"] = "Auditors only. The differences between two versions of the resource as a FHIR Patch with previous values, as HAPI's $diff: " +
            "fromVersion/toVersion, or from/to (a version, Type/id/_history/n, or an instant: the version current then); includeMeta=true adds meta. " +
            "Both versions are redacted for the caller's profile first.",
        ["status"] = "Subscriptions R5 Backport IG: GET [base]/Subscription/[id]/$status, the Subscription's status and events-since-subscription-start " +
            "as a Bundle whose first entry is a backport-subscription-status-r4 Parameters (type query-status). Its owner only.",
        ["events"] = "Subscriptions R5 Backport IG: GET [base]/Subscription/[id]/$events?eventsSinceNumber=[n]&eventsUntilNumber=[m], the events of " +
            "those numbers (inclusive, at most 100) again, shaped as their notification (type query-event). Its owner only.",
    };

    private static string? ProfileOf(string type) => type switch
    {
        "Organization" => RorCanonical.OrganizationProfile,
        "HealthcareService" => RorCanonical.HealthcareServiceProfile,
        "Location" => RorCanonical.LocationProfile,
        "Practitioner" => RorCanonical.Practitioners.PractitionerProfile,
        "PractitionerRole" => RorCanonical.Practitioners.PractitionerRoleProfile,
        "Subscription" => Subscriptions.Creating.SubscriptionRequest.Profile,
        _ => MeasureCapabilities.ProfileOf(type),
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

    /// <summary>
    /// The operations on a type or its instances ("$name" as the last segment of a route), listed by name: no
    /// OperationDefinition is served, so their definition is this server's canonical for one and their documentation says what they do.
    /// </summary>
    /// <summary>Whether a route takes this method on exactly these literal segments.</summary>
    private static bool HasRoute(EndpointDataSource source, string method, params string[] segments) =>
        source.Endpoints.OfType<RouteEndpoint>().Any(endpoint =>
            endpoint.RoutePattern.PathSegments.Select(Describe).SequenceEqual(segments)
            && (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false));

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
