using Marten;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Search;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// A read by id serves a profile's redacted rendering of a resource version from memory once made
/// (<see cref="RedactedRenderings"/>): each profile, read after every other in turn, is served
/// exactly what the redaction makes of the stored resource for that profile, never another
/// profile's rendering; a new version of the resource is rendered anew.
/// </summary>
public sealed class keeping_redacted_renderings : SearchFixture
{
    private static readonly string[] Readers =
        ["test-consumer-crisis", "test-consumer-public", "test-consumer-professional", "test-consumer-medico-social", "test-consumer-no-contacts", "test-consumer-installed-capacity"];

    [Test]
    public async Task each_profile_is_served_its_own_rendering_whatever_was_read_before()
    {
        var path = $"/fhir/HealthcareService/{GynecologyUO}";
        var profiles = App.Services.GetRequiredService<AccessProfiles>();
        var stored = await Stored(GynecologyUO);
        var expected = Readers.ToDictionary(r => r, r => Redaction.ForProfile(stored.Json, stored.ClassSets, profiles.Of(ProfileOf(r))));
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
    public void a_rendering_is_kept_for_one_resource_version_and_one_profile()
    {
        var renderings = new RedactedRenderings();
        var profiles = App.Services.GetRequiredService<AccessProfiles>();
        var (publicProfile, professional) = (profiles.Of("public"), profiles.Of("professional"));
        Assert.That(renderings.For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), publicProfile, () => "public v1"), Is.EqualTo("public v1"));
        Assert.That(renderings.For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), professional, () => "professional v1"), Is.EqualTo("professional v1"));
        Assert.That(renderings.For(RedactedRenderings.KeyOf("Location", "1", 2, "b"), publicProfile, () => "public v2"), Is.EqualTo("public v2"));
        Assert.That(renderings.For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), publicProfile, () => "made again"), Is.EqualTo("public v1"));
        var sameIdOtherRules = publicProfile with { Hidden = [.. publicProfile.Hidden] };
        Assert.That(renderings.For(RedactedRenderings.KeyOf("Location", "1", 1, "a"), sameIdOtherRules, () => "other rules"), Is.EqualTo("other rules"),
            "a profile configured otherwise under the same id is another profile");
    }

    [Test]
    public async Task past_its_capacity_the_renderings_read_least_recently_go_and_those_read_recently_stay()
    {
        using var renderings = new RedactedRenderings();
        var profile = App.Services.GetRequiredService<AccessProfiles>().Of("public");
        string Key(int i) => RedactedRenderings.KeyOf("Location", i.ToString(), 1, "h");
        for (var i = 0; i < RedactedRenderings.Capacity; i++) renderings.For(Key(i), profile, () => "first");
        Assert.That(renderings.For(Key(0), profile, () => "made again"), Is.EqualTo("first"), "read again: recently used");

        renderings.For(Key(RedactedRenderings.Capacity), profile, () => "one too many");
        for (var waited = 0; renderings.Count >= RedactedRenderings.Capacity && waited < 100; waited++) await Task.Delay(50);

        Assert.That(renderings.Count, Is.LessThan(RedactedRenderings.Capacity).And.GreaterThanOrEqualTo(RedactedRenderings.Capacity * 8 / 10),
            "a tenth evicted, not all");
        Assert.That(renderings.For(Key(0), profile, () => "made again"), Is.EqualTo("first"), "the rendering read recently stayed");
        Assert.That(renderings.For(Key(1), profile, () => "made again"), Is.EqualTo("made again"), "the least recently read went");
    }

    private string ProfileOf(string client) => App.Services.GetRequiredService<RorNational.Security.Clients.ClientRegistry>().Find(client)!.Profile;

    private async Task<HealthcareServiceDocument> Stored(string id)
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<HealthcareServiceDocument>(id))!;
    }

    private async Task<string> Read(string client, string path)
    {
        var response = await App.ClientFor(client).GetAsync(path);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return await response.Content.ReadAsStringAsync();
    }
}
