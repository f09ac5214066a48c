using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Auditing.Chain;

namespace RorNational.Fhir.Provenances;

/// <summary>
/// Appends the Provenance records to the audit chain in the order of the event sequence: a
/// Marten subscription, run by the async daemon on one node at a time (HotCold, or the node
/// Wolverine's leader assigns it to), page after page of events below the high-water mark, so
/// that a record whose write committed late is never skipped. Each page's records (stored in
/// the events' transactions) are linked into the chain in sequence order, in one transaction, straight
/// rather than through the intake that reads go through (<see cref="ChainLinker.LinkAsync"/>); the
/// daemon stores the page's progress only once they are committed. After a crash between the
/// two, the page runs again and the records already in the chain are not linked again:
/// resumable, none lost, none twice.
/// </summary>
public sealed class ProvenanceChaining : SubscriptionBase
{
    private readonly Lazy<ChainLinker> _linker;

    /// <summary>The linker is resolved at the first page, not here: it needs the store, which is being built when this is.</summary>
    public ProvenanceChaining(IServiceProvider services)
    {
        _linker = new Lazy<ChainLinker>(services.GetRequiredService<ChainLinker>);
        Name = nameof(ProvenanceChaining);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var records = await ProvenancePages.RecordsOfAsync(operations, page, cancellationToken);
        if (records.Count == 0) return NullChangeListener.Instance;
        await _linker.Value.LinkAsync(records.Select(r => r.ToChained()).ToList(), cancellationToken);
        return NullChangeListener.Instance;
    }
}
