using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Fhir;

/// <summary>
/// HTTP as a client library expects it, over a real socket (Kestrel on loopback): HEAD, 404
/// on unknown routes, 413 past the body limit, content negotiation by quality.
/// </summary>
public sealed class http_conformance : ApiFixture
{
    private const long BodyLimit = 64 * 1024;

    protected override bool ServeOverLoopback => true;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimit);

    [SetUp]
    public Task GivenARegisteredEstablishment() => Client.Register(Requests.Registration());

    [TestCase("/fhir/Organization/eg-010000024")]
    [TestCase("/fhir/Organization/eg-010000024/_history/1")]
    [TestCase("/fhir/Organization?identifier=010000024")]
    [TestCase("/fhir/metadata")]
    public async Task head_answers_the_headers_of_get_without_the_body(string path)
    {
        var get = await Client.GetAsync(path);
        var body = await get.Content.ReadAsByteArrayAsync();

        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
        Assert.That(head.Content.Headers.ContentType, Is.EqualTo(get.Content.Headers.ContentType));
        Assert.That(head.Content.Headers.LastModified, Is.EqualTo(get.Content.Headers.LastModified));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(body.Length));
    }

    [Test]
    public async Task the_capability_statement_is_the_same_bytes_on_every_call()
    {
        var first = await Client.GetByteArrayAsync("/fhir/metadata");
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        var second = await Client.GetByteArrayAsync("/fhir/metadata");

        Assert.That(second, Is.EqualTo(first), "two successive GETs of /fhir/metadata");
    }

    [Test]
    public async Task head_of_an_unknown_resource_is_404_without_a_body()
    {
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/fhir/Organization/eg-999999999"));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [TestCase("GET", "/fhir/NoSuchType/1")]
    [TestCase("GET", "/fhir/Organization/eg-010000024/no/such/thing")]
    [TestCase("POST", "/api/no-such-route")]
    [TestCase("GET", "/nowhere")]
    public async Task an_unknown_route_is_404_with_an_operation_outcome(string method, string path)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var outcome = await Outcome(response);
        Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.NotFound));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain($"no route {method} {path.Split('?')[0]}"));
    }

    [TestCase("TRACE", "/fhir/metadata", "GET, HEAD")]
    [TestCase("DELETE", "/fhir/Organization/eg-010000024", "GET, HEAD")]
    [TestCase("PUT", "/fhir/HealthcareService", "GET, HEAD")]
    public async Task a_known_path_with_a_method_it_does_not_take_is_405_with_an_operation_outcome(string method, string path, string allowed)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EqualTo(allowed.Split(", ")));
        var issue = (await Outcome(response)).Issue.Single();
        Assert.That(issue.Code, Is.EqualTo(OperationOutcome.IssueType.NotSupported));
        Assert.That(issue.Diagnostics, Does.Contain($"{method} is not supported on {path}").And.Contain(allowed));
    }

    [Test]
    public async Task head_on_a_path_that_takes_no_get_is_405_without_a_body()
    {
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/finess/imports"));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(head.Content.Headers.Allow, Is.EqualTo(new[] { "POST" }));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task a_body_over_the_limit_is_413_with_an_operation_outcome()
    {
        var oversized = new string('a', (int)BodyLimit + 1024);
        var response = await Client.PostAsync("/api/establishments",
            new StringContent($"{{\"ej\": \"{oversized}\"}}", MediaTypeHeaderValue.Parse("application/json")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((await Outcome(response)).Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.TooCostly));
    }

    [TestCase("application/fhir+json;q=0")]
    [TestCase("application/fhir+json;q=0, application/json;q=0")]
    [TestCase("*/*;q=0")]
    [TestCase("text/html")]
    public async Task an_accept_header_that_refuses_every_format_is_406(string accept)
    {
        var response = await Client.SendAsync(WithAccept("/fhir/Organization/eg-010000024", accept));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
        Assert.That((await Outcome(response)).Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.NotSupported));
    }

    [TestCase("application/fhir+json;q=0, application/fhir+xml", "application/fhir+xml")]
    [TestCase("*/*, application/fhir+json;q=0", "application/fhir+xml")]
    [TestCase("application/fhir+xml;q=0.5, application/fhir+json;q=0.9", "application/fhir+json")]
    [TestCase("application/fhir+json;q=0.2, application/fhir+xml;q=0.8", "application/fhir+xml")]
    [TestCase("*/*", "application/fhir+json")]
    public async Task the_format_of_highest_quality_is_served(string accept, string served)
    {
        var response = await Client.SendAsync(WithAccept("/fhir/Organization/eg-010000024", accept));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(served));
    }

    private static HttpRequestMessage WithAccept(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static async Task<OperationOutcome> Outcome(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+json"));
        return RorNational.Fhir.FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
    }
}
