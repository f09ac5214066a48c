using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.Fhir.Publishing;

namespace RorNational.IntegrationTests.Fhir;

/// <summary>
/// A rendered resource is serialized once for both its stored JSON and its content hash; the
/// hash must stay the one of the content serialized alone, or every stored resource would get
/// a new version at the next import after an upgrade.
/// </summary>
public sealed class versioned_json
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 30, 15, 123, TimeSpan.Zero);

    private static Organization Rendered(Meta? meta) => new()
    {
        Id = "eg-690000013",
        Meta = meta,
        Name = "Hôpital « Saint-Étienne » + annexe",
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "0102030405")],
    };

    private static Meta RenderedMeta() => new()
    {
        Profile = ["https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-organization"],
        Tag = [new Coding("https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM", "84")],
    };

    private static string HashOf(string json) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    [Test]
    public void the_content_hash_is_that_of_the_resource_serialized_without_version_and_last_updated()
    {
        var content = FhirJson.Serialize(Rendered(RenderedMeta()));

        var versioned = VersionedJson.Of(Rendered(RenderedMeta()), 12, At);

        Assert.That(versioned.ContentHash, Is.EqualTo(HashOf(content)));
        Assert.That(versioned.Json, Does.Contain("\"meta\":{\"versionId\":\"12\",\"lastUpdated\":\"2026-12-01T10:30:15.123+00:00\",\"profile\":"));
    }

    [Test]
    public void the_stored_json_is_the_resource_stamped_with_its_version()
    {
        var meta = RenderedMeta();
        meta.VersionId = "3";
        meta.LastUpdated = At;
        var stamped = Rendered(meta);

        var versioned = VersionedJson.Of(Rendered(RenderedMeta()), 3, At);

        Assert.That(versioned.Json, Is.EqualTo(FhirJson.Serialize(stamped)));
    }

    [Test]
    public void a_resource_rendered_without_meta_is_hashed_without_meta()
    {
        var content = FhirJson.Serialize(Rendered(meta: null));

        var versioned = VersionedJson.Of(Rendered(meta: null), 1, At);

        Assert.That(versioned.ContentHash, Is.EqualTo(HashOf(content)));
        Assert.That(versioned.Json, Does.Contain("\"versionId\":\"1\""));
    }

    [Test]
    public void a_change_of_content_changes_the_hash_and_a_change_of_version_does_not()
    {
        var first = VersionedJson.Of(Rendered(RenderedMeta()), 1, At);
        var later = VersionedJson.Of(Rendered(RenderedMeta()), 2, At.AddDays(1));
        var renamed = Rendered(RenderedMeta());
        renamed.Name = "Hôpital Saint-Étienne";

        Assert.That(later.ContentHash, Is.EqualTo(first.ContentHash));
        Assert.That(VersionedJson.Of(renamed, 2, At).ContentHash, Is.Not.EqualTo(first.ContentHash));
    }
}
