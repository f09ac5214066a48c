using System.Net;
using System.Text.Json.Nodes;
using RorNational.Domain.Capacity;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>What a PATCH answers: Prefer, If-Match, an outdated change.</summary>
public sealed class answering_a_patch : SupplyingFixture
{
    [Test]
    public async Task Given_Prefer_return_minimal_When_applied_Then_200_with_ETag_and_no_body()
    {
        var zone = await PublishLieu();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), prefer: "return=minimal"));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo($"W/\"{(await Location(zone.LocationId)).Version}\""));
        });
    }

    [Test]
    public async Task Given_Prefer_return_OperationOutcome_When_applied_Then_an_information_issue()
    {
        await PublishLieu();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), prefer: "return=OperationOutcome"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
            Assert.That(body["issue"]![0]!["severity"]!.GetValue<string>(), Is.EqualTo("information"));
        });
    }

    [Test]
    public async Task Given_Prefer_return_representation_When_applied_Then_the_Location()
    {
        var zone = await PublishLieu();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), prefer: "return=representation"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(body["resourceType"]!.GetValue<string>(), Is.EqualTo("Location"));
        Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo(zone.LocationId));
    }

    [Test]
    public async Task Given_a_newer_indicator_When_an_older_change_arrives_Then_it_is_recorded_not_applied_and_an_information_issue_says_so()
    {
        await PublishLieu();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(5, At(20))))).EnsureOk();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(9, At(10)))));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var events = (await CapacityEvents()).Select(e => e.Data).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
            Assert.That(body["issue"]![0]!["severity"]!.GetValue<string>(), Is.EqualTo("information"));
            Assert.That(body["issue"]![0]!["expression"]![0]!.GetValue<string>(), Is.EqualTo(Collection));
            Assert.That(events.Last(), Is.InstanceOf<OutdatedCapacityChangeRecorded>());
            var state = events.Aggregate((LieuCapacity?)null, (s, e) => LieuCapacity.Evolve(s, "capacity-" + LieuUnit, e))!;
            Assert.That(state.Indicators.Single().Count, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Given_a_stale_If_Match_When_patched_Then_412_and_nothing_stored_and_the_current_one_is_taken()
    {
        var zone = await PublishLieu();
        var version = (await Location(zone.LocationId)).Version;

        var stale = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), ifMatch: $"W/\"{version + 7}\"")));
        Assert.That(await CapacityEvents(), Is.Empty);
        var current = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), ifMatch: $"W/\"{version}\""));

        Assert.Multiple(async () =>
        {
            Assert.That(stale.Status, Is.EqualTo(412), stale.Body);
            Assert.That(stale.Expressions, Is.EqualTo(new[] { "If-Match" }));
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
        });
    }
}
