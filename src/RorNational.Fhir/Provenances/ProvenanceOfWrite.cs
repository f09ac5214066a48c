using JasperFx.Events;
using Marten;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Provenances;

/// <summary>
/// The Provenance of one stream's events of a batch, stored in the publication's transaction,
/// that wrote new versions: its author is who caused the last event; an accepted dossier has
/// its opener as author and its validator as verifier, with the decision's reason (a closure by
/// FINESS has the closure's reason). The activity is CREATE when every target is a first
/// version, DELETE when every one is a retirement, UPDATE otherwise. Nothing is stored for a
/// batch that wrote no version (a draft, a rejected dossier, an unchanged import).
/// Its id is that of the write's last event.
/// </summary>
public static class ProvenanceOfWrite
{
    /// <param name="dossierBefore">The EG's open dossier before the batch: the author of the dossier the batch may accept.</param>
    public static ProvenanceRecord? Of(string stream, IReadOnlyList<IEvent> events, Dossier? dossierBefore, IReadOnlyList<WrittenVersion> written)
    {
        if (written.Count == 0 || events.Count == 0) return null;
        var last = events[^1];
        var by = (last.Data as IDomainEvent)?.By.Id ?? Actor.System.Id;
        var occurred = (last.Data as IDomainEvent)?.At ?? last.Timestamp;
        var (accepted, opener) = Acceptance(events, dossierBefore);
        var agents = accepted is null
            ? [new ProvenanceAgent(by, "author")]
            : new List<ProvenanceAgent> { new(opener ?? accepted.By.Id, "author"), new(accepted.By.Id, "verifier") };
        var reason = accepted?.Reason ?? events.Select(e => e.Data).OfType<EGClosed>().LastOrDefault()?.Reason;
        var activity = written.All(v => v.Deleted) ? "DELETE" : written.All(v => v.Version == 1) ? "CREATE" : "UPDATE";
        // The id of the write's last event: a rebuild of the publication replays the same batches and
        // stores the same Provenance again (an upsert), which the chain already holds.
        var id = last.Id.ToString();
        var main = agents[^1];
        return new ProvenanceRecord
        {
            Id = id,
            Sequence = last.Sequence,
            Stream = stream,
            Recorded = last.Timestamp,
            Agents = [.. agents.Select(a => a.ClientId).Distinct()],
            MainAgent = main.ClientId,
            MainAgentType = main.Type,
            Activity = activity,
            Targets = [.. written.Select(v => v.Reference)],
            TargetClasses = [.. written.Select(v => (int)TargetClasses.Of(v.ClassSets))],
            Json = ProvenanceContent.Write(id, written, occurred, last.Timestamp, activity, agents, "Organization/" + OrganizationOf(stream), reason),
        };
    }

    /// <summary>
    /// Stores the records of a batch (<see cref="Of"/>) in one statement (<see cref="ProvenanceRecordRows"/>): upserted, as a rebuild
    /// of the publication replays the same batches and stores the same records again.
    /// </summary>
    public static void StoreAll(IDocumentOperations operations, IEnumerable<ProvenanceRecord?> records) =>
        ProvenanceRecordRows.Upsert(operations, records.OfType<ProvenanceRecord>().ToList());

    /// <summary>
    /// The batch's last acceptance of a dossier, and who opened that dossier: before the batch, or
    /// in it (a rebuild replays a dossier's transactions and its acceptance as one batch).
    /// </summary>
    private static (DossierAccepted? Accepted, string? Opener) Acceptance(IReadOnlyList<IEvent> events, Dossier? dossierBefore)
    {
        var opener = dossierBefore?.OpenedBy;
        (DossierAccepted?, string?) last = (null, null);
        foreach (var data in events.Select(e => e.Data))
        {
            if (data is DossierOpened opened) opener = opened.By.Id;
            else if (data is DossierAccepted accepted) last = (accepted, opener);
        }
        return last;
    }

    /// <summary>The Organization on whose behalf a stream is written: the EJ or EG itself, the EG of a lieu's capacity.</summary>
    private static string OrganizationOf(string stream) =>
        CapacityStreams.FinessOf(stream) is { } finess ? EstablishmentIds.EG(finess) : stream;
}
