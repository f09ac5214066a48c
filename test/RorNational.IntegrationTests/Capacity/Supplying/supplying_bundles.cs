using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using RorNational.Domain.Capacity;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>POST /fhir with transaction and batch Bundles of capacity PATCHes.</summary>
public sealed class supplying_bundles : SupplyingFixture
{
    private const string Url = "Location?identifier=" + Identifier;

    /// <summary>An add, then replaces of the same indicator a second apart each.</summary>
    private static List<(string Url, JsonObject Parameters, string? IfMatch)> Changes(int count) =>
    [
        (Url, Add(Record(0, At(0))), null),
        .. Enumerable.Range(1, count - 1).Select(i => (Url, Replace(Selector(), Record(i, $"2026-03-02T07:00:00Z".Replace("07:00:00", TimeOnly.FromTimeSpan(TimeSpan.FromHours(7) + TimeSpan.FromSeconds(i)).ToString("HH:mm:ss")))), (string?)null)),
    ];

    [Test]
    public async Task Given_a_transaction_of_500_with_one_bad_entry_When_posted_Then_nothing_is_applied_and_the_entry_is_named()
    {
        await PublishLieu();
        var entries = Changes(500);
        entries[250] = (Url, Add(Record(3, At(0), status: "02", closing: "01")), null);

        var outcome = await Outcome(await Supplier.SendAsync(BundleRequest(Bundle("transaction", entries))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
            Assert.That(outcome.Codes, Is.All.EqualTo("business-rule"));
            Assert.That(outcome.Expressions, Has.Member("Bundle.entry[250]"));
            Assert.That(outcome.Body, Does.Contain("urn:uuid:00000000-0000-0000-0000-000000000250"));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_a_transaction_whose_entry_fails_in_the_decision_When_posted_Then_nothing_is_applied()
    {
        await PublishLieu();
        // The add is fine on its own; the delete of an indicator that does not exist fails the whole.
        var entries = new List<(string, JsonObject, string?)> { (Url, Add(Record(3, At(0))), null), (Url, Delete(Selector(gender: "01")), null) };

        var outcome = await Outcome(await Supplier.SendAsync(BundleRequest(Bundle("transaction", entries))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(404), outcome.Body);
            Assert.That(outcome.Expressions, Is.EqualTo(new[] { Collection, "Bundle.entry[1]" }));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_a_batch_with_good_and_bad_entries_When_posted_Then_each_stands_on_its_own()
    {
        var zone = await PublishLieu();
        var entries = new List<(string, JsonObject, string?)>
        {
            (Url, Add(Record(3, At(0))), null),
            (Url, Replace(Selector(gender: "01"), Record(2, At(1), gender: "01")), null),
            ($"Location/{zone.LocationId}", Add(Record(1, At(2), gender: "02")), null),
            ("Organization/eg-010000024", Add(Record(1, At(2), gender: "04")), null),
        };
        var bundle = Bundle("batch", entries);
        bundle["entry"]![3]!["request"]!["method"] = "PUT";

        var response = await Supplier.SendAsync(BundleRequest(bundle));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var statuses = body["entry"]!.AsArray().Select(e => e!["response"]!["status"]!.GetValue<string>()).ToArray();
        var version = (await Location(zone.LocationId)).Version;
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("batch-response"));
            Assert.That(statuses, Is.EqualTo(new[] { "200 OK", "404 Not Found", "200 OK", "400 Bad Request" }));
            Assert.That(body["entry"]![0]!["response"]!["etag"]!.GetValue<string>(), Is.EqualTo($"W/\"{version}\""));
            Assert.That(body["entry"]![0]!["response"]!["location"]!.GetValue<string>(), Is.EqualTo($"Location/{zone.LocationId}/_history/{version}"));
            Assert.That(body["entry"]![1]!["response"]!["outcome"]!["issue"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("not-found"));
            Assert.That(body["entry"]![3]!["response"]!["outcome"]!["issue"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("not-supported"));
            Assert.That(await CapacityEvents(), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Given_a_transaction_of_5000_changes_When_posted_Then_all_are_applied_in_one_rendering()
    {
        var zone = await PublishLieu();
        var before = (await Location(zone.LocationId)).Version;
        var clock = Stopwatch.StartNew();

        var response = await Supplier.SendAsync(BundleRequest(Bundle("transaction", Changes(5000))));

        var elapsed = clock.Elapsed;
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        TestContext.Out.WriteLine($"transaction of 5,000 changes: {elapsed.TotalMilliseconds:F0} ms");
        var events = await CapacityEvents();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString()[..Math.Min(2000, body.ToJsonString().Length)]);
            Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("transaction-response"));
            Assert.That(body["entry"]!.AsArray(), Has.Count.EqualTo(5000));
            Assert.That(events, Has.Count.EqualTo(5000));
            Assert.That(((CapacityIndicatorReplaced)events[^1].Data).Indicator.Count, Is.EqualTo(4999));
            Assert.That((await Location(zone.LocationId)).Version, Is.LessThanOrEqualTo(before + 1), "one rendering per transaction");
        });
    }

    [Test]
    public async Task Given_Prefer_return_representation_When_a_transaction_is_applied_Then_each_entry_carries_its_Location()
    {
        var zone = await PublishLieu();

        var response = await Supplier.SendAsync(BundleRequest(Bundle("transaction", Changes(2)), prefer: "return=representation"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var resources = body["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        Assert.That(resources.Select(r => r["id"]!.GetValue<string>()), Is.All.EqualTo(zone.LocationId), body.ToJsonString());
        Assert.That(resources.Select(r => r["meta"]!["versionId"]!.GetValue<string>()), Is.All.EqualTo((await Location(zone.LocationId)).Version.ToString()));
    }

    [Test]
    public async Task Given_a_body_that_is_no_transaction_or_batch_When_posted_Then_400()
    {
        await PublishLieu();

        var outcome = await Outcome(await Supplier.SendAsync(BundleRequest(new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection" })));

        Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
        Assert.That(outcome.Expressions, Is.EqualTo(new[] { "Bundle.type" }));
    }
}
