using System.Net;
using System.Text.Json.Nodes;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>POST /fhir takes bodies up to Capacity:MaxBundleBytes (set small here): 413 beyond.</summary>
public sealed class bundle_limits : SupplyingFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Capacity:MaxBundleBytes"] = "4096" };

    [Test]
    public async Task Given_a_bundle_over_the_limit_When_posted_Then_413_and_nothing_applied()
    {
        await PublishLieu();
        var entries = Enumerable.Range(0, 10).Select(i => ("Location?identifier=" + Identifier, Add(Record(i, At(0), gender: "01")), (string?)null));

        var response = await Supplier.SendAsync(BundleRequest(Bundle("batch", entries)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await response.Content.ReadAsStringAsync());
        Assert.That(await CapacityEvents(), Is.Empty);
    }

    [Test]
    public async Task Given_a_bundle_under_the_limit_When_posted_with_a_stale_entry_If_Match_Then_that_entry_is_412()
    {
        var zone = await PublishLieu();
        var version = (await Location(zone.LocationId)).Version;
        var entries = new List<(string, JsonObject, string?)>
        {
            ("Location?identifier=" + Identifier, Add(Record(3, At(0))), $"W/\"{version + 5}\""),
        };

        var response = await Supplier.SendAsync(BundleRequest(Bundle("batch", entries)));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(body["entry"]![0]!["response"]!["status"]!.GetValue<string>(), Is.EqualTo("412 Precondition Failed"), body.ToJsonString());
        Assert.That(await CapacityEvents(), Is.Empty);
    }
}
