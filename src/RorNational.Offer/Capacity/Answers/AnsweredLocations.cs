using Marten;
using RorNational.Fhir.Access;
using RorNational.Fhir.Storage;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.Answers;

/// <summary>
/// The Locations applied entries answer with: each at the version its transaction left it at,
/// read from the stored versions (so a replay answers the same bytes), as the caller's
/// profile may see it.
/// </summary>
public static class AnsweredLocations
{
    /// <summary>The JSON of each answered Location version, by its key (<see cref="FhirResourceVersion.KeyOf"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(IQuerySession session, IEnumerable<EntryAnswer> answers,
        AccessProfile profile, CancellationToken cancellation)
    {
        var keys = answers.Where(a => a.Applied).Select(a => ("Location", a.LocationId!, a.Version)).Distinct().ToList();
        if (keys.Count == 0) return new Dictionary<string, string>();
        var versions = await StoredVersions.LoadManyAsync(session, keys, cancellation);
        return versions.Where(v => v.Json is not null)
            .ToDictionary(v => v.Key, v => Redaction.ForProfile(v.Json!, v.ClassSets, profile));
    }

    public static string KeyOf(EntryAnswer answer) => FhirResourceVersion.KeyOf("Location", answer.LocationId!, answer.Version);
}
