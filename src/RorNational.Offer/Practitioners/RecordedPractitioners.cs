using Marten;
using RorNational.Domain.Practitioners;

namespace RorNational.Offer.Practitioners;

/// <summary>Which of some RPPS numbers are recorded professionals: one query on their snapshots.</summary>
public static class RecordedPractitioners
{
    public static async Task<IReadOnlySet<string>> AmongAsync(IQuerySession session, IEnumerable<string?> rpps, CancellationToken cancellation)
    {
        var ids = rpps.Where(PractitionerIds.IsRpps).Select(r => PractitionerIds.Of(r!)).Distinct().ToArray();
        if (ids.Length == 0) return new HashSet<string>();
        return (await session.LoadManyAsync<RecordedPractitioner>(cancellation, ids)).Select(p => p.Rpps).ToHashSet();
    }
}
