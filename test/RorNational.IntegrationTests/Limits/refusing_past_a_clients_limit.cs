using System.Net;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Limits.Throttling;

namespace RorNational.IntegrationTests.Limits;

/// <summary>
/// Clients with their own limits in the clients file (clients.json: test-limited and others, per
/// minute so that nothing is given back during a test): past one, 429 with Retry-After and an
/// OperationOutcome naming the client, the kind of route and the rate. The limiters live as long
/// as the host: each test spends the allowance of a client and kind no other test uses.
/// </summary>
public sealed class refusing_past_a_clients_limit : SupplyingFixture
{
    private const string Read = "/fhir/Organization/eg-010000024";

    [Test]
    public async Task Given_3_reads_a_minute_When_a_fourth_comes_Then_429_and_a_client_with_the_same_limit_reads_on()
    {
        await PublishLieu();
        var limited = App.ClientFor(TestClients.Limited);
        for (var i = 0; i < 3; i++) Assert.That((await limited.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var retryAfter = await AssertThrottled(await limited.GetAsync(Read), "client 'test-limited' reached its read limit (3 per 00:01:00, burst 3)");
        await AssertThrottled(await limited.SendAsync(new HttpRequestMessage(HttpMethod.Head, Read + "/_history/1")), "reached its read limit");

        Assert.That(retryAfter, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(20)), "one permit comes back every 20 s");
        var twin = App.ClientFor(TestClients.LimitedTwin);
        for (var i = 0; i < 3; i++) Assert.That((await twin.GetAsync(Read)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "counted apart");
    }

    [Test]
    public async Task Given_2_searches_a_minute_When_a_type_or_system_history_follows_Then_429()
    {
        var limited = App.ClientFor(TestClients.Limited);
        Assert.That((await limited.GetAsync("/fhir/HealthcareService?name=cardio")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var form = new FormUrlEncodedContent([new("name", "cardio")]);
        Assert.That((await limited.PostAsync("/fhir/HealthcareService/_search", form)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertThrottled(await limited.GetAsync("/fhir/Location/_history"), "client 'test-limited' reached its search limit (2 per 00:01:00, burst 2)");
        await AssertThrottled(await limited.GetAsync("/fhir/_history"), "reached its search limit");
        await AssertThrottled(await limited.GetAsync("/fhir/Location?name=x"), "reached its search limit");
    }

    [Test]
    public async Task Given_2_supply_permits_a_minute_When_a_third_patch_comes_Then_429_and_nothing_is_stored()
    {
        await PublishLieu();
        var limited = App.ClientFor(TestClients.Limited);
        Assert.That((await limited.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0)))))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await limited.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(4, At(1)))))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await AssertThrottled(await limited.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(5, At(2))))),
            "client 'test-limited' reached its supply limit (2 per 00:01:00, burst 2)");

        Assert.That(await CapacityEvents(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Given_10_supply_permits_a_minute_When_bundles_come_Then_each_entry_takes_one()
    {
        await PublishLieu();
        var supplier = App.ClientFor(TestClients.LimitedBundles);
        var url = "Location?identifier=" + Identifier;

        var tooLarge = await supplier.SendAsync(BundleRequest(Bundle("batch", Changes(url, 0, 11))));
        var body = await tooLarge.Content.ReadAsStringAsync();
        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), body);
        Assert.That(body, Does.Contain("Bundle.entry: 11 entries, more than the supply limit of client 'test-limited-bundles' takes at once"));
        Assert.That(body, Does.Contain("split it into bundles of at most 10 entries"));

        // 9 permits left (the refused bundle took one as a request): 6 entries take 6.
        var six = await supplier.SendAsync(BundleRequest(Bundle("batch", Changes(url, 0, 6))));
        Assert.That(six.StatusCode, Is.EqualTo(HttpStatusCode.OK), await six.Content.ReadAsStringAsync());
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(6));

        // 3 left: 4 entries are refused whole, before anything is applied.
        await AssertThrottled(await supplier.SendAsync(BundleRequest(Bundle("transaction", Changes(url, 6, 4)))),
            "client 'test-limited-bundles' reached its supply limit (10 per 00:01:00, burst 10) (Bundle.entry: 4 entries, one permit each)");
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(6), "nothing of the refused bundle is applied");

        // The refused bundle took one as a request: 2 left, a bundle of 2 passes.
        var two = await supplier.SendAsync(BundleRequest(Bundle("batch", Changes(url, 6, 2))));
        Assert.That(two.StatusCode, Is.EqualTo(HttpStatusCode.OK), await two.Content.ReadAsStringAsync());
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(8));
    }

    [Test]
    public async Task Given_1_export_a_minute_When_export_routes_are_called_Then_the_second_is_429_and_api_and_health_are_not_limited()
    {
        var limited = App.ClientFor(TestClients.Limited);
        Assert.That((await limited.GetAsync("/fhir/$export?_type=Practitioner")).StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the one export of the minute");

        await AssertThrottled(await limited.GetAsync("/fhir/Group/g1/$export"), "client 'test-limited' reached its export limit (1 per 00:01:00, burst 1)");
        await AssertThrottled(await limited.GetAsync("/fhir/$export-poll-status?_jobId=1"), "reached its export limit");

        Assert.That((await limited.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await limited.GetAsync("/api/establishments/eg-010000024")).StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Given_one_search_at_a_time_When_searches_come_together_Then_those_past_the_first_are_429_at_once()
    {
        var client = App.ClientFor(TestClients.OneSearchAtATime);
        HttpResponseMessage[] answers = [];
        // Twenty at once: unless the server happened to serve them one after the other, some overlap (tried up to five times).
        for (var round = 0; round < 5 && answers.All(a => a.StatusCode != HttpStatusCode.TooManyRequests); round++)
            answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/fhir/HealthcareService?name=cardio")));

        Assert.That(answers.Select(a => a.StatusCode), Has.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.TooManyRequests));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.OK), Is.GreaterThanOrEqualTo(1));
        await AssertThrottled(answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests),
            "client 'test-one-search-at-a-time' reached its search limit (1 at a time); retry after 1 s");
        Assert.That((await client.GetAsync("/fhir/HealthcareService?name=cardio")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "its place is given back");
    }

    /// <summary>An add, then replaces of the same indicator, a second apart from <paramref name="from"/> on.</summary>
    private static IEnumerable<(string Url, JsonObject Parameters, string? IfMatch)> Changes(string url, int from, int count) =>
        Enumerable.Range(from, count).Select(i => (url,
            i == 0 ? Add(Record(0, At(0))) : Replace(Selector(), Record(i, $"2026-03-02T07:00:{i:00}Z")), (string?)null));
}
