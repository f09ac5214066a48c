using Marten;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;

namespace RorNational.IntegrationTests.Capacity.Publishing;

/// <summary>
/// Capacity events appended straight to a lieu's capacity stream through a Marten session, as
/// the supply endpoints append them once they have decided: the publication is tested on its
/// own, whatever the endpoints in front of it.
/// </summary>
public static class CapacityAppends
{
    /// <summary>The CH de Fleyriat's lieu of StructureRequests.HospitalFiches.</summary>
    public const string Finess = "010000024";
    public const string Lieu = "lieu-batiment-a";

    public static readonly DateTimeOffset SourceDate = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    private static readonly Actor Supplier = new("test-supplier");

    public static CapacityIndicator Indicator(
        string status, int count, string? gender = null, string temporality = "01", string? closing = null,
        string? bed = null, string? crisis = null, string assignment = "01", string type = "01", DateTimeOffset? sourceDate = null) =>
        new(new CapacityKey(status, temporality, gender, closing, bed, crisis, assignment), type, count, "02", sourceDate ?? SourceDate);

    public static CapacityIndicatorAdded Added(CapacityIndicator indicator) => new(indicator, Supplier, DateTimeOffset.UtcNow, null);

    public static CapacityIndicatorReplaced Replaced(CapacityIndicator indicator) => new(indicator, Supplier, DateTimeOffset.UtcNow, null);

    public static CapacityIndicatorDeleted Deleted(CapacityKey key) => new(key, Supplier, DateTimeOffset.UtcNow, null);

    /// <summary>Appends to the capacity stream of a lieu and commits: one transaction, as one supplier request.</summary>
    public static async Task AppendCapacity(this IDocumentStore store, string finess, string lieu, params object[] events)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(CapacityStreams.Of(finess, lieu), events);
        await session.SaveChangesAsync();
    }

    public static Task AppendCapacity(this IDocumentStore store, params object[] events) => store.AppendCapacity(Finess, Lieu, events);
}
