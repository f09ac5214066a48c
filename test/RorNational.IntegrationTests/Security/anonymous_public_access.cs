using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>Access:AnonymousProfile set, as build/run does: FHIR reads without a token, nothing else.</summary>
public sealed class anonymous_public_access : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Access:AnonymousProfile"] = "public" };

    protected override void ConfigureServices(IServiceCollection services) => CallerProbe.AddTo(services);

    [SetUp]
    public Task RegisterTheHospital() => Client.Register(Requests.Registration()).EnsureOk();

    [TestCase("GET", "/fhir/Organization/eg-010000024")]
    [TestCase("GET", "/fhir/Organization?identifier=010000024")]
    [TestCase("POST", "/fhir/Organization/_search")]
    [TestCase("GET", "/fhir/metadata")]
    public async Task fhir_reads_and_searches_without_a_token_are_served_with_the_anonymous_profile(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new FormUrlEncodedContent([new("identifier", "010000024")]);

        var response = await App.AnonymousClient().SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(CallerProbe.Of(response), Is.EqualTo(("anonymous", "public")));
    }

    [TestCase("GET", "/api/establishments/eg-010000024")]
    [TestCase("GET", "/api/establishments/eg-010000024/timeline")]
    [TestCase("POST", "/api/establishments/eg-010000024/dossiers")]
    [TestCase("DELETE", "/fhir/Organization/eg-010000024")]
    public async Task anything_else_still_needs_a_token(string method, string path)
    {
        var response = await App.AnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Refusals.AssertNoTokenRefused(response);
    }

    [Test]
    public async Task a_bad_token_is_refused_even_where_no_token_would_do()
    {
        var expired = new ForgedToken { IssuedAt = DateTime.UtcNow.AddHours(-2) }.Sign();

        await Refusals.AssertTokenRefused(await App.ClientWithToken(expired).GetAsync("/fhir/Organization/eg-010000024"), "the token has expired");
        await Refusals.AssertTokenRefused(await App.ClientWithToken(expired).GetAsync("/fhir/metadata"), "the token has expired");
    }

    [Test]
    public async Task a_client_with_a_token_reads_with_its_own_profile()
    {
        var response = await App.ClientFor(TestClients.AllRights).GetAsync("/fhir/Organization/eg-010000024");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(CallerProbe.Of(response), Is.EqualTo((TestClients.AllRights, "crisis")));
    }
}
