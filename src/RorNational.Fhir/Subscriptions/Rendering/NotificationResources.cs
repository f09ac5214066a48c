using Marten;
using RorNational.Fhir.Access;
using RorNational.Fhir.Reading;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Subscriptions.Rendering;

/// <summary>
/// The versions a full-resource notification carries, each redacted for the subscriber's profile
/// exactly as a vread is (<see cref="Redaction"/>, with what later versions classify:
/// <see cref="LaterVersions"/>): a subscriber never receives what a read would hide from it.
/// A retired version maps to null.
/// </summary>
public static class NotificationResources
{
    public static async Task<IReadOnlyDictionary<string, string?>> LoadAsync(
        IQuerySession session, IEnumerable<string> versionedReferences, AccessProfile profile, CancellationToken cancellation)
    {
        var keys = versionedReferences.Distinct().ToArray();
        var versions = await StoredVersions.LoadManyAsync(session, keys, cancellation);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (version.Deleted || version.Json is null)
            {
                result[version.Key] = null;
                continue;
            }
            var since = await LaterVersions.SinceAsync(session, version.ResourceType, version.ResourceId, version.Version, cancellation);
            result[version.Key] = Redaction.ForProfile(version.Json, version.ClassSets, profile, since);
        }
        return result;
    }
}
