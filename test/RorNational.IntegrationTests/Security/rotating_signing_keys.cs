using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// Production keys configured (Authentication:SigningKeys): an HS256 secret this server also
/// issues with, and an ES256 public key of another issuer's. Both are valid at once, the
/// token's kid picks one, and the development key is never accepted.
/// </summary>
public sealed class rotating_signing_keys : ApiFixture
{
    private const string Issuer = "https://auth.rornational.example";
    private const string Audience = "rornational-api";
    private const string Path = "/api/establishments/eg-010000024";

    private readonly (SymmetricSecurityKey Key, string Base64) _secret = ForgedToken.NewSecret("2026-01");
    private readonly ECDsa _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override IReadOnlyDictionary<string, string?> Settings => KeySettings(withSecret: true);

    private Dictionary<string, string?> KeySettings(bool withSecret)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Issuer"] = Issuer,
            ["Authentication:Audience"] = Audience,
        };
        var index = 0;
        if (withSecret)
        {
            settings[$"Authentication:SigningKeys:{index}:KeyId"] = "2026-01";
            settings[$"Authentication:SigningKeys:{index}:Algorithm"] = "HS256";
            settings[$"Authentication:SigningKeys:{index++}:Key"] = _secret.Base64;
            settings["Authentication:IssuingKeyId"] = "2026-01";
        }
        settings[$"Authentication:SigningKeys:{index}:KeyId"] = "2026-02";
        settings[$"Authentication:SigningKeys:{index}:Algorithm"] = "ES256";
        settings[$"Authentication:SigningKeys:{index}:PublicKeyPem"] = _ecdsa.ExportSubjectPublicKeyInfoPem();
        return settings;
    }

    private string EcToken(string clientId = TestClients.AllRights) => new ForgedToken
    {
        ClientId = clientId, Issuer = Issuer, Audience = Audience,
        Key = new ECDsaSecurityKey(_ecdsa) { KeyId = "2026-02" }, Algorithm = SecurityAlgorithms.EcdsaSha256,
    }.Sign();

    private string SecretToken() => new ForgedToken { Issuer = Issuer, Audience = Audience, Key = _secret.Key }.Sign();

    [Test]
    public async Task tokens_signed_with_either_configured_key_are_accepted()
    {
        Assert.That((await App.ClientWithToken(SecretToken()).GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await App.ClientWithToken(EcToken()).GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task the_server_issues_with_the_key_named_by_IssuingKeyId()
    {
        var token = App.TokenFor(TestClients.Auditor);

        var header = new JsonWebToken(token);
        Assert.That((header.Kid, header.Alg, header.Issuer), Is.EqualTo(("2026-01", "HS256", Issuer)));
        Assert.That(header.Audiences, Is.EqualTo(new[] { Audience }));
        Assert.That((await App.ClientWithToken(token).GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task a_development_key_token_is_refused_where_keys_are_configured()
    {
        var asInDevelopment = new ForgedToken().Sign();
        var withOurIssuerAndAudience = new ForgedToken { Issuer = Issuer, Audience = Audience }.Sign();

        await Refusals.AssertTokenRefused(await App.ClientWithToken(asInDevelopment).GetAsync(Path), "the token's issuer is not trusted");
        await Refusals.AssertTokenRefused(await App.ClientWithToken(withOurIssuerAndAudience).GetAsync(Path), "no signing key has the token's kid and alg");
    }

    [Test]
    public async Task a_token_whose_kid_names_one_key_but_is_signed_with_another_is_refused()
    {
        var mislabelled = new ForgedToken
        {
            Issuer = Issuer, Audience = Audience, Key = new SymmetricSecurityKey(_secret.Key.Key) { KeyId = "2026-02" },
        }.Sign();

        await Refusals.AssertTokenRefused(await App.ClientWithToken(mislabelled).GetAsync(Path), "no signing key has the token's kid and alg");
    }

    [Test]
    public async Task once_a_key_is_removed_from_the_configuration_its_tokens_are_refused()
    {
        var signedWithTheOldKey = SecretToken();
        var signedWithTheNewKey = EcToken();
        await using var restarted = new RorNationalApp(ConnectionString, Clock, _ => { }, KeySettings(withSecret: false));

        await Refusals.AssertTokenRefused(
            await restarted.ClientWithToken(signedWithTheOldKey).GetAsync(Path), "no signing key has the token's kid and alg");
        Assert.That((await restarted.ClientWithToken(signedWithTheNewKey).GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(() => restarted.TokenFor(TestClients.AllRights),
            Throws.InvalidOperationException.With.Message.Contains("this server issues no tokens"), "the remaining key is only a public key");
    }

    [OneTimeTearDown]
    public void DisposeKey() => _ecdsa.Dispose();
}
