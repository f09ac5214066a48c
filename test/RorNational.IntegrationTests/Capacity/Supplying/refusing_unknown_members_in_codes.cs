using System.Text.Json.Nodes;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>
/// Found by the hostile-input suite: a member FHIR does not know inside a coded sub-extension
/// ("$type" in a Coding) was ignored and the change applied; it is refused like any other
/// unknown member of the Parameters, and nothing is stored.
/// </summary>
public sealed class refusing_unknown_members_in_codes : SupplyingFixture
{
    [TestCase("coding", TestName = "Given_an_unknown_member_in_a_Coding_When_added_Then_400_invalid_and_nothing_stored")]
    [TestCase("concept", TestName = "Given_an_unknown_member_in_a_CodeableConcept_When_added_Then_400_invalid_and_nothing_stored")]
    public async Task Refused(string where)
    {
        await PublishLieu();
        var record = Record(3, At(0));
        var source = record["extension"]!.AsArray().Single(e => e!["url"]!.GetValue<string>() == "capacitySourceType")!["valueCodeableConcept"]!;
        if (where == "coding") source["coding"]![0]!["$type"] = true; else source["bogus"] = 1;

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(record))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
            Assert.That(outcome.Codes, Is.EqualTo(new[] { "invalid" }));
            Assert.That(outcome.Body, Does.Contain("capacitySourceType"));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_a_Coding_with_its_display_and_version_When_added_Then_it_is_taken()
    {
        await PublishLieu();
        var record = Record(3, At(0));
        var coding = record["extension"]!.AsArray().Single(e => e!["url"]!.GetValue<string>() == "capacityStatus")!["valueCodeableConcept"]!["coding"]![0]!;
        coding["display"] = "Disponible";
        coding["version"] = "1";

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(record)));

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
    }
}
