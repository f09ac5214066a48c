using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Search.Indexing.Capacity;

/// <summary>
/// One per node: every Search:CountFoldInterval, sums the changes of the kept capacity counts into
/// one row per status and signature (<see cref="ServiceCapacityCounts.Fold"/>), so that reading a
/// count stays a read of a few rows however many capacity changes the suppliers send. Several nodes
/// folding at once sum different rows; a fold that fails is tried again at the next tick.
/// </summary>
public sealed class ServiceCapacityCountFolding(IDocumentStore store, IOptions<SearchOptions> options, ILogger<ServiceCapacityCountFolding> logger) : BackgroundService
{
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.CountFoldInterval);
        while (await timer.WaitForNextTickAsync(stopping))
            await FoldAsync(stopping);
    }

    /// <summary>One fold; the rows it wrote, one per status and signature (0 when there was nothing to sum).</summary>
    public async Task<int> FoldAsync(CancellationToken cancellation)
    {
        try
        {
            await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand(ServiceCapacityCounts.Fold(store.Options.DatabaseSchemaName), connection);
            var summed = await command.ExecuteNonQueryAsync(cancellation);
            if (_failing) logger.LogInformation("The capacity counts are folded again");
            _failing = false;
            return summed;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested && e is NpgsqlException or TimeoutException)
        {
            // The database away: the changes stay as they are, their sums exact; the next tick folds them.
            if (!_failing) logger.LogWarning("Cannot fold the capacity counts ({Error}); the next tick tries again", e.GetType().Name);
            _failing = true;
            return 0;
        }
    }
}
