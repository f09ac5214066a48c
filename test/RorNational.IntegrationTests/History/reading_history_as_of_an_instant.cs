using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.History;

/// <summary>
/// Type and system history, and _at and _since on every level: after a day of changes of the
/// sample hospital, each instant gives the version then current, each period the versions
/// current at some point in it (as HAPI reads _at), and every version is listed: structure
/// changes, capacity changes and retirements alike.
/// </summary>
public sealed class reading_history_as_of_an_instant : ApiFixture
{
    private HospitalChanges _hospital = null!;

    [SetUp]
    public async Task GivenADayOfChanges()
    {
        _hospital = new HospitalChanges(new ApiFixtureAccess(Client, App.Store));
        await _hospital.Run();
    }

    private async Task<List<string>> VersionsOf(string path, string query) =>
        (await Client.Bundle($"/fhir/{path}/_history?{query}")).Keys().Select(k => k[(k.LastIndexOf('/') + 1)..]).ToList();

    private string At(DateTimeOffset at) => "_at=" + Uri.EscapeDataString(HospitalChanges.Instant(at));

    private string At(string prefix, DateTimeOffset at) => "_at=" + prefix + Uri.EscapeDataString(HospitalChanges.Instant(at));

    [Test]
    public async Task at_an_instant_one_resource_s_history_is_the_version_then_current()
    {
        var h = _hospital;
        var uo = $"HealthcareService/{h.UO}";
        Assert.That(await VersionsOf(uo, At(h.BeforeAll)), Is.Empty, "not published yet");
        Assert.That(await VersionsOf(uo, At(h.Published)), Is.EqualTo(new[] { "1" }));
        Assert.That(await VersionsOf(uo, "_at=eq" + Uri.EscapeDataString(HospitalChanges.Instant(h.FirstEdit))), Is.EqualTo(new[] { "2" }));
        Assert.That(await VersionsOf(uo, At(h.CapacityChanged)), Is.EqualTo(new[] { "2" }));
        Assert.That(await VersionsOf(uo, At(h.DossierRejected)), Is.EqualTo(new[] { "2" }), "the rejected dossier published nothing");
        var inParis = h.DossierRejected.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");
        Assert.That(await VersionsOf(uo, "_at=" + Uri.EscapeDataString(inParis)), Is.EqualTo(new[] { "2" }), "the same instant with its offset");
        Assert.That(await VersionsOf(uo, At(h.SecondEdit)), Is.EqualTo(new[] { "3" }));
        var lieu = $"Location/{h.Lieu}";
        Assert.That(await VersionsOf(lieu, At(h.FirstEdit)), Is.EqualTo(new[] { "1" }));
        Assert.That(await VersionsOf(lieu, At(h.CapacityChanged)), Is.EqualTo(new[] { "2" }), "the capacity change is a version");
    }

    [Test]
    public async Task at_an_instant_an_establishment_is_as_the_finess_imports_left_it()
    {
        var h = _hospital;
        string NameAt(JsonObject bundle) => bundle.Entries().Single()["resource"]!["name"]!.GetValue<string>();
        Assert.That(await VersionsOf("Organization/eg-010000024", At(h.BeforeAll)), Is.Empty);
        var imported = NameAt(await Client.Bundle($"/fhir/Organization/eg-010000024/_history?{At(h.Imported)}"));
        Assert.That(imported, Does.Contain("BOURG-EN-BRESSE"));
        Assert.That(NameAt(await Client.Bundle($"/fhir/Organization/eg-010000024/_history?{At(h.SecondEdit)}")), Is.EqualTo(imported));
        Assert.That(NameAt(await Client.Bundle($"/fhir/Organization/eg-010000024/_history?{At(h.Reimported)}")), Does.Contain("FLEYRIAT").And.Not.Contain("BOURG"),
            "renamed by the second extract");
        var renamed = await Client.Bundle($"/fhir/Organization/_history?{At("gt", h.SecondEdit)}&_count=1000");
        Assert.That(renamed.Keys().Count(k => k.StartsWith("Organization/eg-010000024/", StringComparison.Ordinal)), Is.EqualTo(2),
            "the version current after the second edit, and the renamed one");
    }

    [Test]
    public async Task at_with_a_prefix_gives_the_versions_current_at_some_point_of_the_period()
    {
        var h = _hospital;
        var uo = $"HealthcareService/{h.UO}";
        Assert.That(await VersionsOf(uo, At("gt", h.CapacityChanged)), Is.EqualTo(new[] { "3", "2" }), "v2 was current then: hapi-fhir#4008");
        Assert.That(await VersionsOf(uo, At("ge", h.FirstEdit)), Is.EqualTo(new[] { "3", "2" }));
        Assert.That(await VersionsOf(uo, At("lt", h.Published)), Is.EqualTo(new[] { "1" }));
        Assert.That(await VersionsOf(uo, At("le", h.FirstEdit)), Is.EqualTo(new[] { "2", "1" }));
        Assert.That(await VersionsOf(uo, At("ge", h.Published) + "&" + At("le", h.DossierRejected)), Is.EqualTo(new[] { "2", "1" }), "a period");
        Assert.That(await VersionsOf(uo, At("lt", h.BeforeAll)), Is.Empty);
        var today = h.SecondEdit.UtcDateTime.ToString("yyyy-MM-dd");
        Assert.That(await VersionsOf(uo, "_at=" + today), Is.EqualTo(new[] { "3", "2", "1" }), "a whole day");
        Assert.That(await VersionsOf(uo, "_at=gt" + today), Is.EqualTo(new[] { "3" }), "after that day: the version current at its end");
        Assert.That(await VersionsOf(uo, "_at=lt" + today), Is.Empty);
    }

    [Test]
    public async Task the_system_history_at_an_instant_lists_each_resource_once_in_its_version_then_current()
    {
        var at = await Client.Bundle($"/fhir/_history?{At(_hospital.CapacityChanged)}&_count=1000");
        var keys = at.Keys();
        Assert.That(keys, Has.Member($"HealthcareService/{_hospital.UO}/2"));
        Assert.That(keys, Has.Member($"Location/{_hospital.Lieu}/2"));
        Assert.That(keys.Select(k => k[..k.LastIndexOf('/')]), Is.Unique, "one version per resource");
        Assert.That(at["total"]!.GetValue<int>(), Is.EqualTo(keys.Count));
        Assert.That(keys.Select(k => k.Split('/')[0]).Distinct(), Is.SupersetOf(new[] { "Organization", "HealthcareService", "Location" }));

        var all = await Client.Bundle("/fhir/_history?_count=1000");
        Assert.That(all.Keys(), Is.SupersetOf(new[]
        {
            $"HealthcareService/{_hospital.UO}/1", $"HealthcareService/{_hospital.UO}/2", $"HealthcareService/{_hospital.UO}/3",
            $"Location/{_hospital.Lieu}/1", $"Location/{_hospital.Lieu}/2",
        }));
        var lastUpdated = all.Entries().Select(e => DateTimeOffset.Parse(e["response"]!["lastModified"]!.GetValue<string>())).ToList();
        Assert.That(lastUpdated, Is.Ordered.Descending, "newest first");
    }

    [Test]
    public async Task since_lists_the_versions_created_at_or_after_an_instant_on_every_level()
    {
        var since = Uri.EscapeDataString(HospitalChanges.Instant(_hospital.FirstEdit));
        var system = await Client.Bundle($"/fhir/_history?_since={since}");
        var eg = (await Client.Bundle("/fhir/Organization/eg-010000024/_history")).Keys()[0];
        Assert.That(system.Keys(), Is.EquivalentTo(new[] { $"HealthcareService/{_hospital.UO}/3", $"Location/{_hospital.Lieu}/2", eg }),
            "the direct edit, the capacity change and the EG renamed by the second import");
        var type = await Client.Bundle($"/fhir/Location/_history?_since={since}");
        Assert.That(type.Keys(), Is.EqualTo(new[] { $"Location/{_hospital.Lieu}/2" }));
        Assert.That(type["total"]!.GetValue<int>(), Is.EqualTo(1));
        var uos = await Client.Bundle("/fhir/HealthcareService/_history");
        Assert.That(uos.Keys().All(k => k.StartsWith("HealthcareService/", StringComparison.Ordinal)), Is.True);
        Assert.That(uos.Keys(), Is.SupersetOf(new[] { $"HealthcareService/{_hospital.UO}/3", $"HealthcareService/{_hospital.UO}/1" }));
    }

    [Test]
    public async Task a_retirement_is_a_delete_entry_without_a_resource()
    {
        await Client.RemoveThroughDossier("uo-cardio-hc");
        var gone = await HospitalChanges.Mark();

        var type = await Client.Bundle($"/fhir/HealthcareService/_history?{At("gt", _hospital.SecondEdit)}");
        var retirement = type.Entries().Single(e => Key(e) == $"HealthcareService/{_hospital.UO}/4");
        Assert.That(retirement["resource"], Is.Null);
        Assert.That(retirement["request"]!["method"]!.GetValue<string>(), Is.EqualTo("DELETE"));
        Assert.That(retirement["request"]!["url"]!.GetValue<string>(), Is.EqualTo($"HealthcareService/{_hospital.UO}"));
        Assert.That(retirement["response"]!["status"]!.GetValue<string>(), Is.EqualTo("204"));
        Assert.That(await VersionsOf($"HealthcareService/{_hospital.UO}", At(gone)), Is.EqualTo(new[] { "4" }),
            "the unit was gone: its retirement was current");
    }

    private static string Key(JsonObject entry) => HistoryBundles.Key(entry);
}
