using System.Text.Json;
using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing.Description;

/// <summary>
/// What the description of an establishment is compared with: the versions the projections
/// stored, as they were current at an instant, and the description's entries as served.
/// </summary>
public abstract class DescriptionFixture : SupplyingFixture
{
    protected const string EJ = "ej-010008407";

    public static string Path(string eg, DateTimeOffset at) => $"/fhir/Organization/{eg}/$description?at={Uri.EscapeDataString(Instant(at))}";

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");

    /// <summary>An instant between two writes: after the last one committed, before the next one begins.</summary>
    protected static async Task<DateTimeOffset> Between()
    {
        await Task.Delay(30);
        var at = DateTimeOffset.UtcNow;
        await Task.Delay(30);
        return at;
    }

    /// <summary>The description's entries: "Type/id" and each resource's JSON exactly as the Bundle holds it.</summary>
    protected Task<Dictionary<string, string>> Description(HttpClient client, string eg, DateTimeOffset at) => Description(client, Path(eg, at));

    /// <summary>The description's entries, for an instant written as <paramref name="path"/> writes it.</summary>
    protected static async Task<Dictionary<string, string>> Description(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        using var bundle = JsonDocument.Parse(body);
        Assert.That(bundle.RootElement.GetProperty("type").GetString(), Is.EqualTo("collection"));
        return bundle.RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource"))
            .ToDictionary(r => $"{r.GetProperty("resourceType").GetString()}/{r.GetProperty("id").GetString()}", r => r.GetRawText());
    }

    /// <summary>
    /// Every resource rendered from these streams, in the version that was current at the instant
    /// (the highest whose lastUpdated is not after it), as stored; none when that version is a retirement.
    /// </summary>
    protected async Task<Dictionary<string, StoredVersion>> StoredAt(DateTimeOffset at, params string[] streams)
    {
        await using var session = App.Store.QuerySession();
        var ids = new List<(string Type, string Id)>();
        ids.AddRange((await session.Query<OrganizationDocument>().Where(d => d.SourceStream.IsOneOf(streams)).ToListAsync()).Select(d => ("Organization", d.Id)));
        ids.AddRange((await session.Query<HealthcareServiceDocument>().Where(d => d.SourceStream.IsOneOf(streams)).ToListAsync()).Select(d => ("HealthcareService", d.Id)));
        ids.AddRange((await session.Query<PractitionerRoleDocument>().Where(d => d.SourceStream.IsOneOf(streams)).ToListAsync()).Select(d => ("PractitionerRole", d.Id)));
        ids.AddRange((await session.Query<LocationDocument>().Where(d => d.SourceStream.IsOneOf(streams)).ToListAsync()).Select(d => ("Location", d.Id)));
        var resourceIds = ids.Select(i => i.Id).ToArray();
        var versions = await StoredVersionRows.Where(ConnectionString, "v.resource_id = any($1) and v.last_updated <= $2", resourceIds, at.UtcDateTime);
        return versions
            .GroupBy(v => $"{v.ResourceType}/{v.ResourceId}")
            .Select(g => g.MaxBy(v => v.Version)!)
            .Where(v => !v.Deleted)
            .ToDictionary(v => $"{v.ResourceType}/{v.ResourceId}", v => new StoredVersion(v.Version, v.Json!));
    }

    protected sealed record StoredVersion(long Version, string Json);

    /// <summary>The description at the instant is, resource by resource and byte for byte, what was stored and current then.</summary>
    protected Task AssertDescribedAsStored(DateTimeOffset at, string because) => AssertDescribedAsStored(StructureRequests.EG, at, because);

    /// <summary>The same for any EG; its EJ is the one its current Organization is part of.</summary>
    protected async Task AssertDescribedAsStored(string eg, DateTimeOffset at, string because)
    {
        await using var session = App.Store.QuerySession();
        var organization = await session.LoadAsync<OrganizationDocument>(eg) ?? throw new AssertionException($"no Organization {eg}");
        var ej = System.Text.Json.Nodes.JsonNode.Parse(organization.Json)!["partOf"]!["reference"]!.GetValue<string>()["Organization/".Length..];
        var described = await Description(Client, eg, at);
        var stored = await StoredAt(at, eg, ej);
        Assert.That(described.Keys.Order(), Is.EqualTo(stored.Keys.Order()), $"{because}: the same resources");
        foreach (var (key, version) in stored)
            Assert.That(described[key], Is.EqualTo(version.Json), $"{because}: {key} as stored in its version {version.Version}");
    }
}
