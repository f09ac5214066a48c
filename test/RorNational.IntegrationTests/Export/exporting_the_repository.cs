using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// A consumer's whole sync through Bulk Data: kick-off, poll, manifest, download. The files
/// hold every published resource, each exactly as a read gives it to the same client, split
/// into files of one type; <c>_type</c>, <c>_typeFilter</c> and the Organization level narrow them.
/// </summary>
public sealed class exporting_the_repository : ExportFixture
{
    private static readonly string[] Types = ["Organization", "HealthcareService", "Location", "PractitionerRole", "Practitioner"];

    [Test]
    public async Task the_whole_repository_is_exported_as_each_resource_reads()
    {
        var manifest = await Client.Exported("/fhir/$export?_outputFormat=application%2Ffhir%2Bndjson");

        Assert.That(manifest["requiresAccessToken"]!.GetValue<bool>(), Is.True);
        Assert.That(manifest["request"]!.GetValue<string>(), Does.EndWith("/fhir/$export?_outputFormat=application%2Ffhir%2Bndjson"));
        Assert.That(DateTimeOffset.Parse(manifest["transactionTime"]!.GetValue<string>()), Is.LessThanOrEqualTo(DateTimeOffset.UtcNow));
        Assert.That(manifest["error"]!.AsArray(), Is.Empty);
        Assert.That(manifest.Outputs().Select(o => o["count"]!.GetValue<long>()), Has.All.InRange(1, ResourcesPerFile));
        Assert.That(manifest.Outputs().Select(o => o["url"]!.GetValue<string>()), Has.All.StartWith("http://").And.Contains("/fhir/$export-file/"));

        var exported = await Client.Resources(manifest);
        foreach (var type in Types)
        {
            var published = await PublishedIds(type);
            Assert.That(exported.Keys.Where(k => k.StartsWith(type + "/")), Is.EquivalentTo(published.Select(id => $"{type}/{id}")), type);
        }
        Assert.That(manifest.Outputs().Count(o => o["type"]!.GetValue<string>() == "Location"), Is.GreaterThan(1), "a type past the file size is split");
        foreach (var (key, line) in exported) Assert.That(line, Is.EqualTo(await Read(Client, key)), key);
    }

    [Test]
    public async Task a_public_client_s_files_hold_what_its_reads_show_and_nothing_more()
    {
        var consumer = App.ClientFor(TestClients.Public);
        var manifest = await consumer.Exported("/fhir/$export");
        var exported = await consumer.Resources(manifest);
        var crisis = await Client.Resources(await Client.Exported("/fhir/$export"));

        Assert.That(exported.Keys, Is.SubsetOf(crisis.Keys));
        Assert.That(crisis.Keys, Has.Member("HealthcareService/" + SensitiveUO));
        Assert.That(exported.Keys, Has.No.Member("HealthcareService/" + SensitiveUO), "a unit the public profile sees nothing of is left out");
        foreach (var (key, line) in exported) Assert.That(line, Is.EqualTo(await Read(consumer, key)), key);
        Assert.That(exported.Values, Has.None.Contains("ror-location-supported-capacity"), "no capacity for the public");
        Assert.That(exported.Values.Count(l => l.Contains("REDACTED")), Is.GreaterThan(0));
        Assert.That(crisis.Values, Has.Some.Contains("ror-location-supported-capacity"), "capacity for the crisis profile");
    }

    [Test]
    public async Task a_type_filter_exports_one_region_only()
    {
        var filter = Uri.EscapeDataString($"HealthcareService?_tag={T.Region}|53");
        var manifest = await Client.Exported($"/fhir/$export?_type=HealthcareService&_typeFilter={filter}");
        var exported = await Client.Resources(manifest);

        var searched = await Client.GetFromJsonAsync<JsonObject>($"/fhir/HealthcareService?_tag={Uri.EscapeDataString(T.Region + "|53")}&_count=1000&_elements=id");
        var expected = searched!["entry"]!.AsArray().Select(e => $"HealthcareService/{e!["resource"]!["id"]}").ToList();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(exported.Keys, Is.EquivalentTo(expected));
        Assert.That(manifest.Outputs().Select(o => o["type"]!.GetValue<string>()), Has.All.EqualTo("HealthcareService"));
        var all = await PublishedIds("HealthcareService");
        Assert.That(exported.Count, Is.LessThan(all.Count));
    }

    [Test]
    public async Task an_establishment_is_exported_with_everything_under_it()
    {
        const string eg = "eg-010000024";
        var manifest = await Client.Exported($"/fhir/Organization/{eg}/$export");
        var exported = await Client.Resources(manifest);

        await using var session = App.Store.QuerySession();
        var expected = new List<string>();
        expected.AddRange((await session.Query<OrganizationDocument>().Where(d => d.SourceStream == eg && !d.Retired).Select(d => d.Id).ToListAsync()).Select(id => "Organization/" + id));
        expected.AddRange((await session.Query<HealthcareServiceDocument>().Where(d => d.SourceStream == eg && !d.Retired).Select(d => d.Id).ToListAsync()).Select(id => "HealthcareService/" + id));
        expected.AddRange((await session.Query<LocationDocument>().Where(d => d.SourceStream == eg && !d.Retired).Select(d => d.Id).ToListAsync()).Select(id => "Location/" + id));
        var roles = await session.Query<PractitionerRoleDocument>().Where(d => d.SourceStream == eg && !d.Retired).ToListAsync();
        expected.AddRange(roles.Select(r => "PractitionerRole/" + r.Id));
        expected.AddRange(roles.Select(r => JsonNode.Parse(r.Json)!["practitioner"]!["reference"]!.GetValue<string>()).Distinct());

        Assert.That(expected, Has.Member("Organization/" + eg).And.Some.StartsWith("Location/").And.Some.StartsWith("HealthcareService/"));
        Assert.That(exported.Keys, Is.EquivalentTo(expected));
    }

    [Test]
    public async Task the_files_are_the_client_s_own()
    {
        var status = await Client.Started("/fhir/$export?_type=Organization");
        var manifest = await Client.Manifest(status);
        var other = App.ClientFor(TestClients.Public);

        var poll = await other.GetAsync(status);
        Assert.That((int)poll.StatusCode, Is.EqualTo(404), "another client does not see the export");
        var file = await other.GetAsync(manifest.Outputs().First()["url"]!.GetValue<string>());
        Assert.That((int)file.StatusCode, Is.EqualTo(404), "nor its files");
        var anonymous = await App.AnonymousClient().GetAsync(manifest.Outputs().First()["url"]!.GetValue<string>());
        Assert.That((int)anonymous.StatusCode, Is.EqualTo(401).Or.EqualTo(404));
    }

    private async Task<List<string>> PublishedIds(string type)
    {
        await using var session = App.Store.QuerySession();
        // The crisis profile sees something of every published resource.
        return type switch
        {
            "Organization" => (await session.Query<OrganizationDocument>().Where(d => !d.Retired).Select(d => d.Id).ToListAsync()).ToList(),
            "HealthcareService" => (await session.Query<HealthcareServiceDocument>().Where(d => !d.Retired).Select(d => d.Id).ToListAsync()).ToList(),
            "Location" => (await session.Query<LocationDocument>().Where(d => !d.Retired).Select(d => d.Id).ToListAsync()).ToList(),
            "PractitionerRole" => (await session.Query<PractitionerRoleDocument>().Where(d => !d.Retired).Select(d => d.Id).ToListAsync()).ToList(),
            _ => (await session.Query<PractitionerDocument>().Where(d => !d.Retired).Select(d => d.Id).ToListAsync()).ToList(),
        };
    }

    private static async Task<string> Read(HttpClient client, string key)
    {
        var response = await client.GetAsync("/fhir/" + key);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), key);
        return await response.Content.ReadAsStringAsync();
    }
}
