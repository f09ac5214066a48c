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
/// the events' transactions) go through the node's <see cref="ChainWriter"/> in sequence order;
/// the daemon stores the page's progress only once they are committed. After a crash between
/// the two, the page runs again and skips the records already in the chain: resumable, none
/// lost, none twice.
/// </summary>
public sealed class ProvenanceChaining : SubscriptionBase
{
    private readonly Lazy<ChainWriter> _writer;
    private readonly Lazy<ChainLinker> _linker;

    /// <summary>The writer is resolved at the first page, not here: it needs the store, which is being built when this is.</summary>
    public ProvenanceChaining(IServiceProvider services)
    {
        _writer = new Lazy<ChainWriter>(services.GetRequiredService<ChainWriter>);
        _linker = new Lazy<ChainLinker>(services.GetRequiredService<ChainLinker>);
        Name = nameof(ProvenanceChaining);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var records = await ProvenancePages.RecordsOfAsync(operations, page, cancellationToken);
        if (records.Count == 0) return NullChangeListener.Instance;
        // Records of this page handed over before a crash may wait in the intake: linked first, then found below.
        await _linker.Value.CatchUpAsync(cancellationToken);
        var chained = (await operations.QueryAsync<string>(
                $"select id from {AuditChainTable.QualifiedName(operations.DocumentStore.Options.DatabaseSchemaName)} where kind = ? and id = any(?)",
                cancellationToken, ProvenanceRecord.Kind, records.Select(r => r.Id).ToArray()))
            .ToHashSet();
        // Handed over in order before the first is awaited: the writer appends them in that order.
        await Task.WhenAll(records.Where(r => !chained.Contains(r.Id)).Select(r => _writer.Value.AppendAsync(r.ToChained())).ToList());
        return NullChangeListener.Instance;
    }
}
