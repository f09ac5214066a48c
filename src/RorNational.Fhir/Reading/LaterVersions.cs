using System.Text.Json.Nodes;
using Marten;
using RorNational.Fhir.Access;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading;

/// <summary>
/// What the versions published after an older version classify (<see cref="ClassesSince"/>),
/// read with it: an older version is redacted with the most restrictive classification its
/// data have had since. Worked out at read time from the stored versions, which stay as they
/// were written; a retirement (a version without content) takes nothing away.
/// </summary>
public static class LaterVersions
{
    /// <summary>The classes since one version.</summary>
    public static async Task<ClassesSince> SinceAsync(IQuerySession session, string type, string id, long version, CancellationToken cancellation)
    {
        var since = await SinceEachAsync(session, type, id, [version], cancellation);
        return since[version];
    }

    /// <summary>The classes since each of these versions of one resource.</summary>
    public static async Task<IReadOnlyDictionary<long, ClassesSince>> SinceEachAsync(
        IQuerySession session, string type, string id, IReadOnlyCollection<long> versions, CancellationToken cancellation)
    {
        if (versions.Count == 0) return new Dictionary<long, ClassesSince>();
        var oldest = versions.Min();
        var later = await StoredVersions.ContentAfterAsync(session, type, id, oldest, cancellation);

        return Fold(later, versions);
    }

    /// <summary>
    /// The classes since each of <paramref name="versions"/> of one resource, from the
    /// versions published after the oldest of them (<paramref name="laterNewestFirst"/>:
    /// their numbers and content, newest first, retirements left out).
    /// </summary>
    public static Dictionary<long, ClassesSince> Fold(IReadOnlyList<VersionContent> laterNewestFirst, IEnumerable<long> versions)
    {
        var result = new Dictionary<long, ClassesSince>();
        var since = ClassesSince.Nothing;
        var next = 0;
        foreach (var version in versions.Distinct().OrderDescending())
        {
            for (; next < laterNewestFirst.Count && laterNewestFirst[next].Version > version; next++)
                if (laterNewestFirst[next].Json is { } json) since = since.And(JsonNode.Parse(json)!.AsObject());
            result[version] = since;
        }
        return result;
    }

    public sealed record VersionContent(long Version, string? Json);
}
