using System.Text.Json.Nodes;
using Marten;
using RorNational.Fhir.Access;
using RorNational.Fhir.Reading;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Description;

/// <summary>
/// Each resource of a description as the caller's profile reads that version with a vread:
/// its own classes, and those its data have had since in the versions stored after it
/// (<see cref="LaterVersions"/>, <see cref="ClassesSince"/>), read in one query for the whole
/// description: those stored since the instant only, not a long-lived Location's every version.
/// </summary>
public static class DescriptionRedaction
{
    public static async Task<IReadOnlyList<string>> ForProfileAsync(
        IQuerySession session, IReadOnlyList<ReplayedVersion> resources, DateTimeOffset at, AccessProfile profile, CancellationToken cancellation)
    {
        if (profile.SeesEverything) return resources.Select(r => r.Json).ToList();
        var types = resources.Select(r => r.Type).Distinct().ToArray();
        var ids = resources.Select(r => r.Id).Distinct().ToArray();
        // A version described was published by a transaction stamped at or before the instant, and
        // its lastUpdated is that stamp to the millisecond: a later version is stamped after it
        // (within a second, to spare the comparison any rounding; the versions are told apart below).
        var since = at.AddSeconds(-1);
        var stored = await StoredVersions.StoredAfterAsync(session, types, ids, since, cancellation);
        var later = stored.ToLookup(v => (v.ResourceType, v.ResourceId));
        return resources.Select(resource =>
        {
            var since = ClassesSince.Nothing;
            foreach (var version in later[(resource.Type, resource.Id)].Where(v => v.Version > resource.Version).OrderByDescending(v => v.Version))
                if (version.Json is { } json) since = since.And(JsonNode.Parse(json)!.AsObject());
            return Redaction.ForProfile(resource.Json, [.. resource.ClassSets], profile, since);
        }).ToList();
    }
}
