using Marten;
using Marten.Services;
using RorNational.Fhir.Storage;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.Receipts;

/// <summary>
/// Completes the answers of a group's requests inside their transaction, once the inline
/// projections have rendered their changes (Marten calls a session's listeners after them,
/// before the commit): each applied entry takes the version and time its Location is left at,
/// then the receipt of each request with an id is written with them. One listener for the whole
/// group: the Locations rendered are gathered, and those not rendered read, once. Nothing is
/// read after the commit, so a later change of the same Location can never slip into an answer.
/// </summary>
public sealed class AnswerCompletion(IReadOnlyList<AnswerCompletion.Request> requests, IReadOnlyDictionary<string, LocationDocument> before)
    : DocumentSessionListenerBase
{
    /// <summary>A request's answers, and its receipt (<paramref name="Replacing"/> an expired one) when it has an id.</summary>
    public sealed record Request(IReadOnlyList<EntryAnswer> Answers, SupplyReceipt? Receipt, bool Replacing);

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        await CompleteAsync(session, [.. requests.SelectMany(r => r.Answers)], LocationRowsUpdate.RenderedIn(session.PendingChanges), before, token);
        foreach (var (answers, receipt, replacing) in requests)
        {
            if (receipt is null) continue;
            receipt.Entries = [.. answers];
            if (replacing) session.Store(receipt);
            else session.Insert(receipt);
        }
    }

    /// <summary>
    /// Each applied entry's Location as rendered in this transaction, else as it was: as loaded
    /// before (<paramref name="before"/>), or read now, in the transaction, for those this
    /// one did not render (a change that published nothing new).
    /// </summary>
    public static async Task CompleteAsync(IDocumentSession session, IReadOnlyList<EntryAnswer> answers, IEnumerable<LocationDocument> rendered,
        IReadOnlyDictionary<string, LocationDocument> before, CancellationToken cancellation)
    {
        var after = new Dictionary<string, LocationDocument>(before);
        foreach (var document in rendered) after[document.Id] = document;
        var unread = answers.Where(a => a.Applied && !after.ContainsKey(a.LocationId!)).Select(a => a.LocationId!);
        foreach (var (id, document) in await LoadAsync(session, unread, cancellation)) after[id] = document;
        foreach (var answer in answers.Where(a => a.Applied))
            if (after.TryGetValue(answer.LocationId!, out var location))
            {
                answer.Version = location.Version;
                answer.LastUpdated = location.LastUpdated;
            }
    }

    /// <summary>These Locations as stored, by id (none asked: no query).</summary>
    public static async Task<IReadOnlyDictionary<string, LocationDocument>> LoadAsync(IQuerySession session, IEnumerable<string> ids,
        CancellationToken cancellation) => await StoredDocuments.LoadManyAsync<LocationDocument>(session, ids, cancellation);
}
