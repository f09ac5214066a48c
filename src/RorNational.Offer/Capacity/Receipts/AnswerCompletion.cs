using Marten;
using Marten.Services;
using RorNational.Fhir.Storage;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.Receipts;

/// <summary>
/// Completes the answers of a request inside its own transaction, once the inline projections
/// have rendered its changes (Marten calls a session's listeners after them, before the
/// commit): each applied entry takes the version and time its Location is left at, then the
/// receipt, if the request has an id, is written with them. Nothing is read after the commit,
/// so a later change of the same Location can never slip into this answer.
/// </summary>
public sealed class AnswerCompletion(
    IReadOnlyList<EntryAnswer> answers, IReadOnlyDictionary<string, LocationDocument> before, SupplyReceipt? receipt, bool replacing)
    : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        Complete(answers, session.PendingChanges.AllChangedFor<LocationDocument>(), before);
        if (receipt is not null)
        {
            receipt.Entries = [.. answers];
            if (replacing) session.Store(receipt);
            else session.Insert(receipt);
        }
        return Task.CompletedTask;
    }

    /// <summary>Each applied entry's Location as rendered in this transaction, else as it was.</summary>
    public static void Complete(IReadOnlyList<EntryAnswer> answers, IEnumerable<LocationDocument> rendered,
        IReadOnlyDictionary<string, LocationDocument> before)
    {
        var after = new Dictionary<string, LocationDocument>(before);
        foreach (var document in rendered) after[document.Id] = document;
        foreach (var answer in answers.Where(a => a.Applied))
            if (after.TryGetValue(answer.LocationId!, out var location))
            {
                answer.Version = location.Version;
                answer.LastUpdated = location.LastUpdated;
            }
    }
}
