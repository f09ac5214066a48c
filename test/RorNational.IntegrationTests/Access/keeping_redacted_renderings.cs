using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Search;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// A read by id and a search serve a profile's redacted rendering of a resource version from memory
/// once made (<see cref="RedactedRenderings"/>): each profile, read or searched after every other
/// in turn, is served exactly what the redaction makes of the stored resource for that profile,
/// never another profile's rendering; a new version of the resource is rendered anew. The
/// renderings kept are bounded by their bytes.
/// </summary>
public sealed class keeping_redacted_renderings : SearchFixture
{
    private static readonly string[] Readers =
        ["test-consumer-crisis", "test-consumer-public", "test-consumer-professional", "test-consumer-medico-social", "test-consumer-no-contacts", "test-consumer-installed-capacity"];

    [Test]
    public async Task each_profile_is_served_its_own_rendering_whatever_was_read_before()
    {
        var path = $"/fhir/HealthcareService/{GynecologyUO}";
        var expected = await ExpectedByReader(GynecologyUO);
        Assert.That(expected.Values.Distinct().Count(), Is.GreaterThan(2), "the profiles see this unit differently");

        // Every order of two readers, twice: the second read of each pair comes from memory.
        foreach (var first in Readers.Concat(Readers))
            foreach (var second in Readers)
            {
                Assert.That(await Read(first, path), Is.EqualTo(expected[first]), $"{first} (after {second})");
                Assert.That(await Read(second, path), Is.EqualTo(expected[second]), $"{second} after {first}");
            }
        Assert.That(App.Services.GetRequiredService<RedactedRenderings>().Count, Is.GreaterThan(0), "renderings are kept");
    }

    [Test]
    public async Task a_search_serves_each_profile_the_rendering_a_read_serves_it()
    {
        var search = $"/fhir/HealthcareService?_id={GynecologyUO}";
        var expected = await ExpectedByReader(GynecologyUO);

        // Searched first, then read, then searched again (from memory): the same bytes each time.
        foreach (var reader in Readers.Concat(Readers))
        {
            Assert.That(await Searched(reader, search), Is.EqualTo(expected[reader]), $"{reader}, searched");
            Assert.That(await Read(reader, $"/fhir/HealthcareService/{GynecologyUO}"), Is.EqualTo(expected[reader]), $"{reader}, read after the search");
            Assert.That(await Searched(reader, search), Is.EqualTo(expected[reader]), $"{reader}, searched after the read");
        }
    }

    [Test]
    public void a_rendering_is_kept_for_one_resource_version_and_one_profile()
    {
        var renderings = new RedactedRenderings();
        var profiles = App.Services.GetRequiredService<AccessProfiles>();
        var (publicProfile, professional) = (profiles.Of("public"), profiles.Of("professional"));
        string For(string key, AccessProfile profile, string made) => Text(renderings.For(key, profile, () => Encoding.UTF8.GetBytes(made)));
        Assert.That(For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), publicProfile, "public v1"), Is.EqualTo("public v1"));
        Assert.That(For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), professional, "professional v1"), Is.EqualTo("professional v1"));
        Assert.That(For(RedactedRenderings.KeyOf("Location", "1", 2, "b"), publicProfile, "public v2"), Is.EqualTo("public v2"));
        Assert.That(For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), publicProfile, "made again"), Is.EqualTo("public v1"));
        var sameIdOtherRules = publicProfile with { Hidden = [.. publicProfile.Hidden] };
        Assert.That(For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), sameIdOtherRules, "other rules"), Is.EqualTo("other rules"),
            "a profile configured otherwise under the same id is another profile");
    }

    [Test]
    public async Task past_its_bytes_the_renderings_read_least_recently_go_and_those_read_recently_stay()
    {
        using var renderings = new RedactedRenderings();
        var profile = App.Services.GetRequiredService<AccessProfiles>().Of("public");
        const int size = 64 * 1024;
        const int fit = (int)(RedactedRenderings.CapacityBytes / size);
        string Key(int i) => RedactedRenderings.KeyOf("Location", i.ToString(), 1, "h");
        byte[] Rendering(char fill) => Encoding.UTF8.GetBytes(new string(fill, size));
        for (var i = 0; i < fit; i++) renderings.For(Key(i), profile, () => Rendering('a'));
        Assert.That(renderings.Bytes, Is.EqualTo(RedactedRenderings.CapacityBytes), "full");
        Assert.That(Text(renderings.For(Key(0), profile, () => Rendering('b')))[0], Is.EqualTo('a'), "read again: recently used");

        renderings.For(Key(fit), profile, () => Rendering('c'));
        for (var waited = 0; renderings.Count >= fit && waited < 100; waited++) await Task.Delay(50);

        Assert.That(renderings.Count, Is.LessThan(fit).And.GreaterThanOrEqualTo(fit * 8 / 10), "a tenth evicted, not all");
        Assert.That(renderings.Bytes, Is.LessThanOrEqualTo(RedactedRenderings.CapacityBytes));
        Assert.That(Text(renderings.For(Key(0), profile, () => Rendering('b')))[0], Is.EqualTo('a'), "the rendering read recently stayed");
        Assert.That(Text(renderings.For(Key(1), profile, () => Rendering('b')))[0], Is.EqualTo('b'), "the least recently read went");
    }

    [Test]
    public async Task renderings_of_three_times_its_bytes_leave_at_most_its_bytes_kept()
    {
        using var renderings = new RedactedRenderings();
        var profile = App.Services.GetRequiredService<AccessProfiles>().Of("public");
        var rendering = new byte[8 * 1024];
        var count = (int)(3 * RedactedRenderings.CapacityBytes / rendering.Length);
        for (var i = 0; i < count; i++) renderings.For(RedactedRenderings.KeyOf("Location", i.ToString(), 1, "h"), profile, () => rendering);
        for (var waited = 0; renderings.Bytes > RedactedRenderings.CapacityBytes && waited < 100; waited++) await Task.Delay(50);

        Assert.That(renderings.Bytes, Is.LessThanOrEqualTo(RedactedRenderings.CapacityBytes).And.GreaterThan(RedactedRenderings.CapacityBytes / 2),
            $"{count} renderings of {rendering.Length} bytes made");
    }

    private string ProfileOf(string client) => App.Services.GetRequiredService<RorNational.Security.Clients.ClientRegistry>().Find(client)!.Profile;

    /// <summary>What each reader may see of a stored unit, by the redaction computed from its stored JSON.</summary>
    private async Task<Dictionary<string, string>> ExpectedByReader(string id)
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = (await session.LoadAsync<HealthcareServiceDocument>(id))!;
        var profiles = App.Services.GetRequiredService<AccessProfiles>();
        return Readers.ToDictionary(r => r, r => Redaction.ForProfile(stored.Json, stored.ClassSets, profiles.Of(ProfileOf(r))));
    }

    private async Task<string> Read(string client, string path)
    {
        var response = await App.ClientFor(client).GetAsync(path);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The only resource a search found, as the bytes written in the Bundle.</summary>
    private async Task<string> Searched(string client, string path)
    {
        using var bundle = JsonDocument.Parse(await Read(client, path));
        var entries = bundle.RootElement.GetProperty("entry");
        Assert.That(entries.GetArrayLength(), Is.EqualTo(1), path);
        return entries[0].GetProperty("resource").GetRawText();
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
