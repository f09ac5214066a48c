using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Search;
using RorNational.Security.Callers;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// A token is checked once, then kept until it expires (<see cref="ValidatedTokens"/>): what it
/// is kept for never outlives what it grants. The client and its profile are those of the
/// clients file at each request, so a profile lowered in the file applies to the very next
/// request made with a token already validated, and a removed client is refused at once.
/// </summary>
public sealed class reusing_validated_tokens : SearchFixture
{
    private const string Reader = "test-consumer-crisis";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rornational-clients-{Guid.NewGuid():N}.json");

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            File.Copy(TestClients.File, _file, overwrite: true);
            return new Dictionary<string, string?> { ["Access:ClientsFile"] = _file };
        }
    }

    [Test]
    public async Task a_profile_lowered_in_the_clients_file_applies_to_a_token_already_validated_and_a_removed_client_is_refused()
    {
        var reader = App.ClientFor(Reader);
        var path = $"/fhir/HealthcareService/{GynecologyUO}";
        Assert.That(Redacted(await Read(reader, path)), Is.False, "P1 sees everything of the unit");
        Assert.That(App.Services.GetRequiredService<ValidatedTokens>().Count, Is.GreaterThan(0), "the token is kept");

        await WriteClients(clients => clients.Single(c => c!["Id"]!.GetValue<string>() == Reader)!["Profile"] = "public");
        await Until(async () => Redacted(await Read(reader, path)));
        var publicView = await (await App.ClientFor("test-consumer-public").GetAsync(path)).Content.ReadAsStringAsync();
        Assert.That((await Read(reader, path)).ToJsonString(), Is.EqualTo(JsonNode.Parse(publicView)!.ToJsonString()),
            "served exactly what the public profile is served");

        await WriteClients(clients => clients.Remove(clients.Single(c => c!["Id"]!.GetValue<string>() == Reader)));
        await Until(async () => (await reader.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized);
        await Refusals.AssertTokenRefused(await reader.GetAsync(path), "the token's client is not registered");
    }

    [Test]
    public async Task a_token_is_checked_once_however_many_requests_carry_it()
    {
        // The JWT handler's own hook: it runs each time a token's signature, issuer, audience and
        // times were checked. WebApplication adds an authentication middleware of its own when
        // authentication is registered; with a default scheme it checked every request again.
        var events = App.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).Events;
        var original = events.OnTokenValidated;
        var checks = 0;
        events.OnTokenValidated = context =>
        {
            Interlocked.Increment(ref checks);
            return original(context);
        };
        try
        {
            // A token never sent before (a lifetime no other test uses).
            var reader = App.ClientWithToken(App.TokenFor("test-consumer-public", TimeSpan.FromSeconds(1_237)));
            for (var request = 0; request < 5; request++) await Read(reader, $"/fhir/HealthcareService/{GynecologyUO}");
            Assert.That(checks, Is.EqualTo(1), "checked at its first request, then found kept");
        }
        finally
        {
            events.OnTokenValidated = original;
        }
    }

    [Test]
    public async Task a_refused_token_is_never_kept()
    {
        var tokens = App.Services.GetRequiredService<ValidatedTokens>();
        var forged = new ForgedToken { Audience = "someone-else" }.Sign();
        for (var attempt = 0; attempt < 2; attempt++)
            Assert.That((await App.ClientWithToken(forged).GetAsync($"/fhir/HealthcareService/{GynecologyUO}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(tokens.Find($"Bearer {forged}"), Is.Null);
    }

    [Test]
    public void a_kept_token_is_dropped_once_its_expiry_and_the_clock_skew_have_passed()
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-03-02T08:30:00Z"));
        var tokens = new ValidatedTokens(clock);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("client_id", Reader)]));
        tokens.Keep("Bearer a", principal, clock.Now.AddMinutes(5));

        clock.Now = clock.Now.AddMinutes(5).AddSeconds(29);
        Assert.That(tokens.Find("Bearer a"), Is.SameAs(principal), "the JWT handler accepts it for the clock skew too");
        clock.Now = clock.Now.AddSeconds(1);
        Assert.That(tokens.Find("Bearer a"), Is.Null, "validated again, and refused as expired");
        Assert.That(tokens.Count, Is.Zero);
    }

    [Test]
    public void the_kept_tokens_are_bounded()
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-03-02T08:30:00Z"));
        var tokens = new ValidatedTokens(clock);
        var principal = new ClaimsPrincipal();
        for (var i = 0; i <= ValidatedTokens.Capacity; i++) tokens.Keep($"Bearer {i}", principal, clock.Now.AddMinutes(5));
        Assert.That(tokens.Count, Is.LessThanOrEqualTo(ValidatedTokens.Capacity));
    }

    private static async Task<JsonObject> Read(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static bool Redacted(JsonObject resource) =>
        resource["meta"]?["security"] is JsonArray labels && labels.Any(l => l?["code"]?.GetValue<string>() == "REDACTED");

    private async Task WriteClients(Action<JsonArray> change)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(_file))!;
        change(document["Clients"]!.AsArray());
        var temporary = _file + ".new";
        await File.WriteAllTextAsync(temporary, document.ToJsonString());
        File.Move(temporary, _file, overwrite: true);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100 && !await condition(); attempt++) await Task.Delay(200);
        Assert.That(await condition(), Is.True, "not within 20 s");
    }

    [OneTimeTearDown]
    public void RemoveFile() => File.Delete(_file);
}
