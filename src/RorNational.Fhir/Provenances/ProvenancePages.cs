using JasperFx.Events.Projections;
using Marten;

namespace RorNational.Fhir.Provenances;

/// <summary>What the daemon's subscriptions on writes read of each page: the Provenance records whose last event is in it, in sequence order.</summary>
public static class ProvenancePages
{
    public static Task<IReadOnlyList<ProvenanceRecord>> RecordsOfAsync(IDocumentOperations operations, EventRange page, CancellationToken cancellation) =>
        ProvenanceRecordRows.BetweenAsync(operations, page.SequenceFloor, page.SequenceCeiling, cancellation);
}
