using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Search.Indexing.Tags;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Search.Indexing.KeptCounts;

/// <summary>
/// One per node: every Search:CountFoldInterval, sums the changes of each table of kept counts
/// into one row per key (<see cref="KeptCountFold"/>): the capacity counts
/// (<see cref="ServiceCapacityCounts"/>) and the tag counts (<see cref="TagCounts"/>), so that
/// reading a count stays a read of a few rows however many changes the writers send. Several nodes
/// folding at once sum different rows; a fold that fails is tried again at the next tick.
/// </summary>
public sealed class KeptCountFolding(IDocumentStore store, IOptions<SearchOptions> options, ILogger<KeptCountFolding> logger) : BackgroundService
{
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.CountFoldInterval);
        while (await timer.WaitForNextTickAsync(stopping))
            await FoldAsync(stopping);
    }

    /// <summary>One fold of each table; the rows each wrote, one per key (0 when there was nothing to sum), by table; empty when the database was away.</summary>
    public async Task<IReadOnlyDictionary<string, int>> FoldAsync(CancellationToken cancellation)
    {
        var schema = store.Options.DatabaseSchemaName;
        var written = new Dictionary<string, int>();
        try
        {
            await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellation);
            foreach (var (table, fold) in new[] { (ServiceCapacityCounts.Table, ServiceCapacityCounts.Fold(schema)), (TagCounts.Table, TagCounts.Fold(schema)) })
            {
                await using var command = new NpgsqlCommand(fold, connection);
                written[table] = await command.ExecuteNonQueryAsync(cancellation);
            }
            if (_failing) logger.LogInformation("The kept counts are folded again");
            _failing = false;
            return written;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested && e is NpgsqlException or TimeoutException)
        {
            // The database away: the changes stay as they are, their sums exact; the next tick folds them.
            if (!_failing) logger.LogWarning("Cannot fold the kept counts ({Error}); the next tick tries again", e.GetType().Name);
            _failing = true;
            return written;
        }
    }
}
