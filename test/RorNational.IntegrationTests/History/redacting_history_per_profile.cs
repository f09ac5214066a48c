using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.History;

/// <summary>
/// Type and system history serve each version as vread does for the caller's profile (older
/// versions with the classes their data have had since), and leave out, from entries, totals
/// and pages alike, the versions a profile may see nothing of (a sensitive unit's, for P0).
/// </summary>
public sealed class redacting_history_per_profile : ApiFixture
{
    private const string LevelThreeNumber = "0474450000";
    private const string RaisedNumber = "0474454647";

    private HttpClient Public => App.ClientFor("test-consumer-public");
    private HttpClient Professional => App.ClientFor("test-consumer-professional");
    private HttpClient Crisis => App.ClientFor("test-consumer-crisis");

    private async Task<(string UO, string Lieu)> PublishHospital()
    {
        await Client.PublishHospital();
        return (await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc"), await Client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a"));
    }

    private Task Edit(JsonObject content) => Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", content).EnsureOk();

    [Test]
    public async Task a_sensitive_unit_s_versions_are_neither_listed_nor_counted_nor_paged_for_a_profile_that_hides_it()
    {
        var (uo, lieu) = await PublishHospital();
        var sensitive = Content(18);
        sensitive["sensitiveUnit"] = true;
        await Edit(sensitive);
        string[] unit = [$"HealthcareService/{uo}/1", $"HealthcareService/{uo}/2"];

        var crisis = await Crisis.Bundle("/fhir/_history?_count=1000");
        Assert.That(crisis.Keys(), Is.SupersetOf(unit), "P1 sees the unit's versions, the one before it was flagged too");
        Assert.That(crisis.Keys().Where(k => k.StartsWith($"Location/{lieu}/", StringComparison.Ordinal)), Is.Not.Empty);

        foreach (var caller in new[] { Public, Professional })
        {
            var all = await caller.Bundle("/fhir/_history?_count=1000");
            Assert.That(all.Keys().Where(k => k.Contains(uo, StringComparison.Ordinal) || k.Contains(lieu, StringComparison.Ordinal)), Is.Empty,
                "neither the unit nor its lieu of sensitive units only, not even the version before the flag");
            Assert.That(all["total"]!.GetValue<int>(), Is.EqualTo(all.Keys().Count));
            Assert.That(all.Keys(), Is.SubsetOf(crisis.Keys()));
            Assert.That(all.Keys().Count, Is.EqualTo(crisis.Keys().Count - crisis.Keys().Count(k => k.Contains(uo, StringComparison.Ordinal) || k.Contains(lieu, StringComparison.Ordinal))));

            var type = await caller.Bundle("/fhir/HealthcareService/_history");
            Assert.That(type["total"]!.GetValue<int>(), Is.Zero);
            Assert.That(type.Keys(), Is.Empty);
            Assert.That(await caller.AllPages("/fhir/_history?_count=1"), Is.EqualTo(all.Keys()), "pages and links tell nothing more");
        }

        var instance = await Public.Bundle($"/fhir/HealthcareService/{uo}/_history");
        Assert.That(instance.Keys(), Is.EqualTo(new[] { unit[1], unit[0] }), "one resource's history is read as vread reads it");
        Assert.That(instance.ToJsonString(), Does.Not.Contain("Cardiologie"));
        Assert.That(instance.ToJsonString(), Does.Contain("REDACTED"));
    }

    [Test]
    public async Task each_version_is_redacted_with_the_classes_its_data_have_had_since()
    {
        var (uo, _) = await PublishHospital();
        var raised = Content(18);
        raised["contacts"]![0]!["telecoms"]![0]!["confidentiality"] = 3;
        await Edit(raised);

        var professional = await Professional.Bundle("/fhir/HealthcareService/_history");
        Assert.That(professional.Keys(), Is.EqualTo(new[] { $"HealthcareService/{uo}/2", $"HealthcareService/{uo}/1" }));
        Assert.That(professional.ToJsonString(), Does.Not.Contain(LevelThreeNumber));
        Assert.That(professional.ToJsonString(), Does.Not.Contain(RaisedNumber), "raised to level 3 in version 2: hidden from version 1 too");
        Assert.That(professional.ToJsonString(), Does.Contain("tariat de cardiologie"), "the contact stays");
        Assert.That(professional.ToJsonString(), Does.Contain("REDACTED"));

        var system = await Professional.Bundle("/fhir/_history?_count=1000");
        Assert.That(system.ToJsonString(), Does.Not.Contain(RaisedNumber).And.Not.Contain(LevelThreeNumber));

        var crisis = await Crisis.Bundle("/fhir/HealthcareService/_history");
        Assert.That(crisis.ToJsonString(), Does.Contain(RaisedNumber).And.Contain(LevelThreeNumber));
    }
}
