using System.Net;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>Only the EG's suppliers write its capacity; a refusal says nothing of the lieu.</summary>
public sealed class supplier_rights : SupplyingFixture
{
    [Test]
    public async Task Given_the_supplier_of_another_EG_When_it_patches_Then_403_the_same_whether_the_lieu_exists_or_not()
    {
        var zone = await PublishLieu();
        using var other = App.ClientFor(TestClients.OtherSupplier);

        var existing = await other.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0)))));
        var unknown = await other.SendAsync(PatchRequest("/fhir/Location?identifier=1010000024/NOWHERE", Add(Record(3, At(0)))));
        var byId = await other.SendAsync(PatchRequest($"/fhir/Location/{zone.LocationId}", Add(Record(3, At(0)))));
        var unknownId = await other.SendAsync(PatchRequest("/fhir/Location/0123456789abcdef0123456789abcdef", Add(Record(3, At(0)))));

        var bodies = await Task.WhenAll(new[] { existing, unknown, byId, unknownId }.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Multiple(async () =>
        {
            foreach (var response in new[] { existing, unknown, byId, unknownId })
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(bodies.Distinct().Count(), Is.EqualTo(1), string.Join("\n", bodies));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_a_client_that_supplies_every_EG_When_it_patches_an_unknown_Location_id_Then_404()
    {
        await PublishLieu();

        var outcome = await Outcome(await Client.SendAsync(PatchRequest("/fhir/Location/0123456789abcdef0123456789abcdef", Add(Record(3, At(0))))));

        Assert.That(outcome.Status, Is.EqualTo(404), outcome.Body);
        Assert.That(outcome.Expressions, Is.EqualTo(new[] { "Location" }));
    }

    [TestCase(TestClients.Public)]
    [TestCase(TestClients.Editor)]
    public async Task Given_a_client_without_supply_rights_When_it_patches_or_posts_a_bundle_Then_403(string clientId)
    {
        await PublishLieu();
        using var client = App.ClientFor(clientId);

        var patch = await client.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0)))));
        var bundle = await client.SendAsync(BundleRequest(Bundle("transaction", [("Location?identifier=" + Identifier, Add(Record(3, At(0))), null)])));

        Assert.Multiple(async () =>
        {
            Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(bundle.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }
}
