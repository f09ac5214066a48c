using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// An older version is served with the most restrictive classification each of its data has
/// had since, not only the one it had then: raising a telecom to level 3 or flagging the unit
/// sensitive hides it from every earlier version too, and removing the unit keeps it hidden.
/// </summary>
public sealed class redacting_older_versions : ApiFixture
{
    /// <summary>Anonymous callers read as build/run lets them: with the public profile.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Access:AnonymousProfile"] = "public" };

    private const string Number = "0474454647";
    private const string UnitName = "Cardiologie - hospitalisation complète";
    private const string Sector = "01G07";

    private static JsonObject ContentWith(int telecomLevel, bool sensitive = false)
    {
        var content = Content(18);
        var telecoms = content["contacts"]![0]!["telecoms"]!.AsArray();
        telecoms[0]!["confidentiality"] = telecomLevel;
        content["sensitiveUnit"] = sensitive;
        content["psychiatricSectors"] = new JsonArray(Sector);
        return content;
    }

    private async Task<string> PublishCardiologyWith(JsonObject content)
    {
        await Client.Register(Requests.Registration()).EnsureOk();
        var uo = UO();
        uo["uo"]!["content"] = content;
        var fiches = HospitalFiches.Select(f => f.Id == "uo-cardio-hc" ? (f.Id, uo) : (f.Id, f.Body.DeepClone().AsObject())).ToArray();
        await Client.Accept(await Client.SubmitDossier(fiches)).EnsureOk();
        return await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
    }

    private Task Edit(JsonObject content) => Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", content).EnsureOk();

    private static readonly string[] Unentitled = ["anonymous", "public", "professional", "medico-social", "installed-capacity"];

    private HttpClient Caller(string profile) =>
        profile == "anonymous" ? App.AnonymousClient() : App.ClientFor("test-consumer-" + profile);

    /// <summary>Version 1 read alone and within the history, as this caller is served them.</summary>
    private async Task<(string Version1, string History)> OlderVersionAs(string profile, string id)
    {
        var caller = Caller(profile);
        var version1 = await caller.GetAsync($"/fhir/HealthcareService/{id}/_history/1");
        var history = await caller.GetAsync($"/fhir/HealthcareService/{id}/_history");
        Assert.That((int)version1.StatusCode, Is.EqualTo(200), profile);
        Assert.That((int)history.StatusCode, Is.EqualTo(200), profile);
        return (await version1.Content.ReadAsStringAsync(), await history.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task a_telecom_raised_to_level_3_is_hidden_from_the_versions_before_too()
    {
        var id = await PublishCardiologyWith(ContentWith(telecomLevel: 1));
        await Edit(ContentWith(telecomLevel: 3));

        foreach (var profile in Unentitled)
        {
            var (version1, history) = await OlderVersionAs(profile, id);
            Assert.That(version1, Does.Not.Contain(Number).And.Contain("REDACTED"), profile);
            Assert.That(history, Does.Not.Contain(Number), profile);
            Assert.That(version1, Does.Contain(UnitName), $"{profile}: only the raised datum goes");
        }
        var (crisisVersion1, _) = await OlderVersionAs("crisis", id);
        Assert.That(crisisVersion1, Does.Contain(Number), "crisis management is entitled to level 3");
    }

    [Test]
    public async Task a_unit_flagged_sensitive_hides_its_name_and_sectors_in_every_earlier_version()
    {
        var id = await PublishCardiologyWith(ContentWith(telecomLevel: 1));
        await Edit(ContentWith(telecomLevel: 1, sensitive: true));

        foreach (var profile in Unentitled)
        {
            var (version1, history) = await OlderVersionAs(profile, id);
            foreach (var datum in new[] { UnitName, Sector, Number })
            {
                Assert.That(version1, Does.Not.Contain(datum), $"{profile}: {datum} in version 1");
                Assert.That(history, Does.Not.Contain(datum), $"{profile}: {datum} in the history");
            }
            Assert.That(version1, Does.Contain("REDACTED"));
        }
        foreach (var profile in new[] { "crisis", "no-contacts" })
            Assert.That((await OlderVersionAs(profile, id)).Version1, Does.Contain(UnitName).And.Contain(Sector), profile);
    }

    [Test]
    public async Task a_removed_unit_keeps_the_strictest_classification_in_its_history()
    {
        var id = await PublishCardiologyWith(ContentWith(telecomLevel: 1));
        await Edit(ContentWith(telecomLevel: 3, sensitive: true));
        await Client.RemoveThroughDossier("uo-cardio-hc");

        foreach (var profile in Unentitled)
        {
            var (version1, history) = await OlderVersionAs(profile, id);
            foreach (var datum in new[] { UnitName, Sector, Number })
                Assert.That(version1 + history, Does.Not.Contain(datum), $"{profile}: {datum}");
        }
    }

    [Test]
    public async Task a_unit_renamed_when_flagged_sensitive_does_not_show_its_former_name()
    {
        var id = await PublishCardiologyWith(ContentWith(telecomLevel: 1));
        var dossier = await Client.OpenDossier();
        var renamed = UO("Unité renommée");
        renamed["uo"]!["content"] = ContentWith(telecomLevel: 1, sensitive: true);
        await Client.DraftFiche(dossier, "uo-cardio-hc", renamed).EnsureOk();
        await Client.Finalize(dossier, "uo-cardio-hc").EnsureOk();
        await Client.Submit(dossier).EnsureOk();
        await Client.Accept(dossier).EnsureOk();

        var (version1, history) = await OlderVersionAs("public", id);
        Assert.That(version1 + history, Does.Not.Contain(UnitName).And.Not.Contain("Unité renommée"));
    }

    [Test]
    public async Task a_datum_lowered_later_keeps_its_own_classification_in_the_older_version()
    {
        var id = await PublishCardiologyWith(ContentWith(telecomLevel: 3));
        await Edit(ContentWith(telecomLevel: 1));

        var (version1, _) = await OlderVersionAs("public", id);
        var current = await Caller("public").GetStringAsync($"/fhir/HealthcareService/{id}");
        Assert.That(version1, Does.Not.Contain(Number));
        Assert.That(current, Does.Contain(Number));
    }
}
