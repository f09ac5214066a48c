using System.Net;
using RorNational.IntegrationTests.Finess;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>Lieux removed from the description, EGs closed by FINESS, the standard FHIRPath Patch shape.</summary>
public sealed class patching_a_lieu_that_changed : SupplyingFixture
{
    [Test]
    public async Task Given_a_lieu_removed_by_a_dossier_When_patched_Then_404_on_Location()
    {
        await PublishLieu();
        var lieuB = StructureRequests.Lieu();
        lieuB["name"] = "Bâtiment B";
        lieuB["lieu"]!["idExterneSynchro"] = "REA-B";
        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-b", lieuB))).EnsureOk();
        await Supplier.SendAsync(PatchRequest("/fhir/Location?identifier=1010000024/REA-B", Add(Record(3, At(0))))).EnsureOk();
        await Client.RemoveThroughDossier("lieu-batiment-b");

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest("/fhir/Location?identifier=1010000024/REA-B", Add(Record(4, At(0))))));

        Assert.That(outcome.Status, Is.EqualTo(404), outcome.Body);
        Assert.That(outcome.Expressions, Is.EqualTo(new[] { "Location" }));
    }

    [Test]
    public async Task Given_an_EG_closed_by_FINESS_When_its_lieu_is_patched_Then_400_business_rule_and_nothing_stored()
    {
        await PublishLieu();
        var withoutTheHospital = string.Join('\n', FinessImportCalls.Sample().Split('\n').Where(line => !line.Contains(";010000024;")));
        var report = await Client.Import(withoutTheHospital, "?confirmClosures=true");
        Assert.That(report["closed"]!.GetValue<int>(), Is.EqualTo(1), report.ToJsonString());

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
            Assert.That(outcome.Codes, Is.EqualTo(new[] { "business-rule" }));
            Assert.That(outcome.Expressions, Is.EqualTo(new[] { "Location" }));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_the_standard_FHIRPath_Patch_shape_When_sent_Then_it_is_applied_as_the_national_one()
    {
        await PublishLieu();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Standard("add", "Location", Record(3, At(0)), name: "extension")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
    }
}
