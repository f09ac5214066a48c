using System.Net;
using System.Text.Json.Nodes;
using JasperFx.Events;
using RorNational.Domain.Capacity;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>The national PATCH protocol, case by case, over HTTP: what is stored, what is answered.</summary>
public sealed class patching_capacity : SupplyingFixture
{
    [Test]
    public async Task Given_no_indicator_When_the_supplier_adds_one_Then_it_is_stored_and_the_Location_answered_with_its_version()
    {
        var zone = await PublishLieu();
        var before = await Location(zone.LocationId);

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0)))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var events = await CapacityEvents();
        Assert.That(events.Select(e => e.Data), Has.One.InstanceOf<CapacityIndicatorAdded>());
        var added = (CapacityIndicatorAdded)events[0].Data;
        Assert.Multiple(async () =>
        {
            Assert.That(added.Indicator.Count, Is.EqualTo(3));
            Assert.That(added.By.Id, Is.EqualTo(TestClients.Supplier));
            var after = await Location(zone.LocationId);
            Assert.That(after.Version, Is.GreaterThanOrEqualTo(before.Version));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo($"W/\"{after.Version}\""));
            Assert.That(response.Content.Headers.LastModified, Is.Not.Null);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.That(body["resourceType"]!.GetValue<string>(), Is.EqualTo("Location"));
            Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo(zone.LocationId));
        });
    }
}
