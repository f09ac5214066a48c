using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Security.Tokens;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// Bearer tokens checked by the real host with the development key (the Testing
/// environment configures no key), anonymous access off: who gets in, who gets a 401.
/// </summary>
public sealed class authenticating_callers : ApiFixture
{
    protected override void ConfigureServices(IServiceCollection services) => CallerProbe.AddTo(services);

    [TestCase("GET", "/api/establishments/eg-010000024")]
    [TestCase("POST", "/api/establishments")]
    [TestCase("GET", "/api/establishments/eg-010000024/timeline")]
    [TestCase("GET", "/fhir/Organization/eg-010000024")]
    [TestCase("GET", "/fhir/HealthcareService?name=cardio")]
    [TestCase("POST", "/fhir/HealthcareService/_search")]
    [TestCase("GET", "/no/such/route")]
    public async Task a_request_without_a_token_is_refused_with_a_bearer_challenge(string method, string path)
    {
        var response = await App.AnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await Refusals.AssertNoTokenRefused(response);
    }

    [Test]
    public async Task the_capability_statement_and_the_health_probes_need_no_token()
    {
        var anonymous = App.AnonymousClient();

        var metadata = await anonymous.GetAsync("/fhir/metadata");
        Assert.That(metadata.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(CallerProbe.Of(metadata), Is.EqualTo(("anonymous", "public")), "without anonymous access, the metadata are the public profile's");
        Assert.That((await anonymous.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await anonymous.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task a_registered_client_calls_with_its_own_profile_and_rights()
    {
        var response = await App.ClientFor(TestClients.Auditor).GetAsync("/api/establishments/eg-010000024");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "past the authentication and the rights: the EG is unknown");
        Assert.That(CallerProbe.Of(response), Is.EqualTo((TestClients.Auditor, "public")));
        var fhir = await App.ClientFor(TestClients.ValidatorAra).GetAsync("/fhir/metadata");
        Assert.That(CallerProbe.Of(fhir), Is.EqualTo((TestClients.ValidatorAra, "professional")));
    }

    private static IEnumerable<TestCaseData> RefusedTokens()
    {
        yield return Case("expired", () => new ForgedToken { IssuedAt = DateTime.UtcNow.AddMinutes(-10) }, "the token has expired");
        yield return Case("from another issuer", () => new ForgedToken { Issuer = "https://elsewhere.example" }, "the token's issuer is not trusted");
        yield return Case("for another audience", () => new ForgedToken { Audience = "another-api" }, "the token is for another audience");
        yield return Case("signed with another secret", () => new ForgedToken { Key = ForgedToken.NewSecret(SigningKey.DevelopmentKeyId).Key },
            "the token's signature is invalid");
        yield return Case("of an unknown kid", () => new ForgedToken { Key = ForgedToken.DevelopmentSecretAs("2026-01") },
            "no signing key has the token's kid and alg");
        yield return Case("of an unregistered client", () => new ForgedToken { ClientId = "nobody" }, "the token's client is not registered");
        yield return Case("of the development kid with another algorithm",
            () => new ForgedToken
            {
                Key = new SymmetricSecurityKey(new byte[64]) { KeyId = SigningKey.DevelopmentKeyId },
                Algorithm = SecurityAlgorithms.HmacSha512,
            },
            "no signing key has the token's kid and alg");
        yield return new TestCaseData(new Func<string>(() => "not-a-jwt"), "the token is malformed").SetName("a token that is not a JWT is refused");

        // Made and signed when the test runs, not when it is discovered: a token issued at
        // discovery would have expired by then on a long run.
        static TestCaseData Case(string what, Func<ForgedToken> token, string reason) =>
            new TestCaseData(new Func<string>(() => token().Sign()), reason).SetName($"a token {what} is refused");
    }

    [TestCaseSource(nameof(RefusedTokens))]
    public async Task refused_tokens(Func<string> sign, string reason)
    {
        var token = sign();
        foreach (var path in new[] { "/api/establishments/eg-010000024", "/fhir/Organization/eg-010000024", "/fhir/metadata" })
            await Refusals.AssertTokenRefused(await App.ClientWithToken(token).GetAsync(path), reason);
    }

    [Test]
    public async Task a_token_a_few_seconds_past_its_expiry_is_still_accepted_within_the_clock_skew()
    {
        var justExpired = new ForgedToken { IssuedAt = DateTime.UtcNow.AddMinutes(-5).AddSeconds(-10) }.Sign();
        var longExpired = new ForgedToken { IssuedAt = DateTime.UtcNow.AddMinutes(-6) }.Sign();

        Assert.That((await App.ClientWithToken(justExpired).GetAsync("/api/establishments/eg-010000024")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await Refusals.AssertTokenRefused(await App.ClientWithToken(longExpired).GetAsync("/api/establishments/eg-010000024"), "the token has expired");
    }

    [Test]
    public async Task a_token_forged_by_hand_with_the_development_key_is_accepted_like_an_issued_one()
    {
        var response = await App.ClientWithToken(new ForgedToken { ClientId = TestClients.Editor }.Sign()).GetAsync("/fhir/metadata");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(CallerProbe.Of(response).Client, Is.EqualTo(TestClients.Editor));
    }

    [Test]
    public async Task an_authorization_header_of_another_scheme_is_refused_as_an_invalid_token()
    {
        var client = App.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        await Refusals.AssertTokenRefused(await client.GetAsync("/fhir/metadata"), "send a bearer token: Authorization: Bearer <token>");
    }

    [Test]
    public void the_issuer_refuses_an_unregistered_client()
    {
        Assert.That(() => App.TokenFor("nobody"), Throws.InvalidOperationException.With.Message.Contains("no client 'nobody' is registered"));
    }
}
