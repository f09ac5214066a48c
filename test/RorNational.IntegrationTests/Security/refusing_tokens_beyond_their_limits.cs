using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// Tokens signed with the right key but shaped to outlive any revocation or to demand an
/// extension the server does not implement: refused with 401 and the reason.
/// </summary>
public sealed class refusing_tokens_beyond_their_limits : ApiFixture
{
    private const string Path = "/api/establishments/eg-010000024";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:MaxTokenLifetimeMinutes"] = "120",
    };

    private static IEnumerable<TestCaseData> Refused()
    {
        yield return Case("that expires in year 9999", () => new ForgedToken { RawExpiry = 253402300799L }, "the token's lifetime exceeds the maximum of 120 minutes");
        yield return Case("that lives longer than the maximum", () => new ForgedToken { Lifetime = TimeSpan.FromMinutes(125) },
            "the token's lifetime exceeds the maximum of 120 minutes");
        yield return Case("issued long ago, that expires within the maximum", () => new ForgedToken
            { IssuedAt = DateTime.UtcNow.AddDays(-2), Lifetime = TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5) },
            "the token's lifetime exceeds the maximum of 120 minutes");
        yield return Case("whose exp is a string", () => new ForgedToken { RawExpiry = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds().ToString() },
            "the token's exp is not a number of seconds (NumericDate)");
        yield return Case("with a crit header", () => new ForgedToken { Header = { ["crit"] = new[] { "exp" } } },
            "the token's crit header names extensions this server does not understand");

        static TestCaseData Case(string what, Func<ForgedToken> token, string reason) =>
            new TestCaseData(token, reason).SetName($"a token {what} is refused");
    }

    [TestCaseSource(nameof(Refused))]
    public async Task refused(Func<ForgedToken> token, string reason)
    {
        await Refusals.AssertTokenRefused(await App.ClientWithToken(token().Sign()).GetAsync(Path), reason);
    }

    [Test]
    public async Task a_token_of_the_maximum_lifetime_is_accepted()
    {
        var response = await App.ClientWithToken(new ForgedToken { ClientId = TestClients.Auditor, Lifetime = TimeSpan.FromMinutes(120) }.Sign()).GetAsync(Path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "past the authentication: the EG is unknown");
    }

    [Test]
    public void the_issuer_refuses_a_lifetime_beyond_the_maximum()
    {
        Assert.That(() => App.TokenFor(TestClients.Auditor, TimeSpan.FromMinutes(121)),
            Throws.InvalidOperationException.With.Message.Contains("a token may live at most 120 minutes"));
    }
}
