using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// A rendered resource serialized once, as it would be stored in its next version, with the
/// hash of its content: the same JSON without meta.versionId and meta.lastUpdated, which is
/// what tells whether a new version is due. The serializer writes these two first in meta
/// (FHIR's element order), so the content is the stored JSON with them cut out: one
/// serialization serves both, where hashing used to serialize the resource a second time.
/// </summary>
public sealed record VersionedJson(string Json, string ContentHash)
{
    private const string MetaStart = "\"meta\":{";

    /// <summary>Stamps <paramref name="version"/> and <paramref name="lastUpdated"/> into the resource's meta and serializes it.</summary>
    public static VersionedJson Of(DomainResource resource, long version, DateTimeOffset lastUpdated)
    {
        var rendered = resource.Meta;
        var meta = resource.Meta ??= new Meta();
        meta.VersionId = version.ToString();
        meta.LastUpdated = lastUpdated;
        var json = FhirJson.Serialize(resource);
        return new VersionedJson(json, Hash(ContentOf(json, meta.VersionId) ?? ContentSerializedAlone(resource, rendered)));
    }

    /// <summary>
    /// JSON already serialized with its version stamped (edited in place, not rendered again),
    /// with its content hash; null when it does not have the shape the serializer gives.
    /// </summary>
    public static VersionedJson? OfSerialized(string json, string versionId) =>
        ContentOf(json, versionId) is { } content ? new VersionedJson(json, Hash(content)) : null;

    /// <summary>The content of the JSON: "meta":{"versionId":"v","lastUpdated":"…",…} read as "meta":{…}.</summary>
    private static string? ContentOf(string json, string versionId)
    {
        var stamp = $"{MetaStart}\"versionId\":\"{versionId}\",\"lastUpdated\":\"";
        var start = json.IndexOf(stamp, StringComparison.Ordinal);
        if (start < 0) return null;
        var end = json.IndexOf('"', start + stamp.Length);
        // Meta holding nothing else would be left empty, where the serializer omits it.
        if (end < 0 || end + 1 >= json.Length || json[end + 1] != ',') return null;
        return string.Concat(json.AsSpan(0, start + MetaStart.Length), json.AsSpan(end + 2));
    }

    /// <summary>The content serialized on its own, with meta as rendered, should the JSON not have the expected shape.</summary>
    private static string ContentSerializedAlone(DomainResource resource, Meta? rendered)
    {
        var stamped = resource.Meta!;
        var (versionId, lastUpdated) = (stamped.VersionId, stamped.LastUpdated);
        (stamped.VersionId, stamped.LastUpdated) = (null, null);
        resource.Meta = rendered;
        var content = FhirJson.Serialize(resource);
        resource.Meta = stamped;
        (stamped.VersionId, stamped.LastUpdated) = (versionId, lastUpdated);
        return content;
    }

    private static string Hash(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
