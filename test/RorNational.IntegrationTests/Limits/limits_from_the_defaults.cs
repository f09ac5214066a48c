using System.Net;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Limits.Throttling;

namespace RorNational.IntegrationTests.Limits;

/// <summary>
/// The defaults per kind (Limits:Defaults, set here to 2 reads a minute) apply to every client
/// that sets no limit of its own for that kind, each client counted apart; anonymous callers
/// share one allowance; a client's own limit, or "Unlimited", replaces the default.
/// </summary>
public sealed class limits_from_the_defaults : ApiFixture
{
    private const string Read = "/fhir/metadata";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Access:AnonymousProfile"] = "public",
        ["Limits:Defaults:Read:Permits"] = "2",
        ["Limits:Defaults:Read:Period"] = "00:01:00",
        ["Limits:Defaults:Read:Burst"] = "2",
    };

    protected override bool ResetBetweenTests => false;

    [Test]
    public async Task Given_anonymous_reads_When_two_anonymous_callers_read_Then_they_share_one_allowance()
    {
        var first = App.AnonymousClient();
        var second = App.AnonymousClient();
        Assert.That((await first.GetAsync("/fhir/Organization?name=x")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a search: not a read");
        Assert.That((await first.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await second.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertThrottled(await first.GetAsync(Read), "anonymous callers (together) reached their read limit (2 per 00:01:00, burst 2, 64 at a time)");
        await AssertThrottled(await second.GetAsync(Read), "anonymous callers (together) reached their read limit");
    }

    [Test]
    public async Task Given_a_client_without_limits_of_its_own_When_it_reads_past_the_default_Then_429_and_its_searches_go_on()
    {
        var client = App.ClientFor(TestClients.Public);
        for (var i = 0; i < 2; i++) Assert.That((await client.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertThrottled(await client.GetAsync(Read), "client 'test-public' reached its read limit (2 per 00:01:00, burst 2, 64 at a time)");

        Assert.That((await client.GetAsync("/fhir/Organization?name=x")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another kind, another limit");
        Assert.That((await App.ClientFor(TestClients.Auditor).GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client");
    }

    [Test]
    public async Task Given_a_client_with_its_own_read_limit_When_it_reads_Then_its_limit_replaces_the_default()
    {
        var client = App.ClientFor(TestClients.LimitedTwin);
        for (var i = 0; i < 3; i++) Assert.That((await client.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertThrottled(await client.GetAsync(Read), "client 'test-limited-twin' reached its read limit (3 per 00:01:00, burst 3)");
    }

    [Test]
    public async Task Given_a_client_unlimited_for_reads_When_it_reads_far_past_the_default_Then_it_is_never_refused()
    {
        var client = App.ClientFor(TestClients.UnlimitedReader);
        for (var i = 0; i < 50; i++) Assert.That((await client.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
