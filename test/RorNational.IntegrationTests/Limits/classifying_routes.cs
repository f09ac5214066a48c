using RorNational.Security.Limits;

namespace RorNational.IntegrationTests.Limits;

/// <summary>Which limit a request counts against, from its method and path alone (pure: no host).</summary>
public sealed class classifying_routes
{
    [TestCase("GET", "/fhir/Location/l1", RouteKind.Read)]
    [TestCase("GET", "/fhir/Location/l1/_history", RouteKind.Read)]
    [TestCase("GET", "/fhir/Location/l1/_history/3", RouteKind.Read)]
    [TestCase("GET", "/fhir/metadata", RouteKind.Read)]
    [TestCase("GET", "/FHIR/Metadata", RouteKind.Read)]
    [TestCase("DELETE", "/fhir/Location/l1", RouteKind.Read)]
    [TestCase("GET", "/fhir/Location", RouteKind.Search)]
    [TestCase("GET", "/fhir/HealthcareService/", RouteKind.Search)]
    [TestCase("POST", "/fhir/HealthcareService/_search", RouteKind.Search)]
    [TestCase("GET", "/fhir/Location/_history", RouteKind.Search)]
    [TestCase("GET", "/fhir/Location/_HISTORY", RouteKind.Search)]
    [TestCase("GET", "/fhir/_history", RouteKind.Search)]
    [TestCase("PATCH", "/fhir/Location", RouteKind.Supply)]
    [TestCase("PATCH", "/fhir/Location/l1", RouteKind.Supply)]
    [TestCase("POST", "/fhir", RouteKind.Supply)]
    [TestCase("POST", "/fhir/", RouteKind.Supply)]
    [TestCase("GET", "/fhir/$export", RouteKind.Export)]
    [TestCase("POST", "/fhir/Group/g1/$export", RouteKind.Export)]
    [TestCase("GET", "/fhir/Patient/$export", RouteKind.Export)]
    [TestCase("GET", "/fhir/$export-poll-status", RouteKind.Export)]
    [TestCase("DELETE", "/fhir/$export-poll-status/job-1", RouteKind.Export)]
    [TestCase("GET", "/fhir/$export-files/job-1/Location.ndjson", RouteKind.Export)]
    public void a_fhir_request_counts_against_the_limit_of_its_kind(string method, string path, RouteKind kind)
    {
        Assert.That(RouteKinds.Of(method, path), Is.EqualTo(kind));
    }

    [TestCase("GET", "/api/establishments/eg-010000024")]
    [TestCase("POST", "/api/establishments")]
    [TestCase("GET", "/api/availability")]
    [TestCase("GET", "/health/ready")]
    [TestCase("GET", "/fhirish/Location")]
    [TestCase("GET", "/availability")]
    public void other_requests_count_against_none(string method, string path)
    {
        Assert.That(RouteKinds.Of(method, path), Is.Null);
    }
}
