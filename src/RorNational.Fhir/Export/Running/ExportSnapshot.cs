using System.Data;
using Marten;
using Marten.Storage;
using Npgsql;
using RorNational.Fhir.Access;
using RorNational.Fhir.Export.Files;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// Writes what an export selects, as a profile may see it, from one read-only repeatable-read
/// snapshot of the published resources: every type is read at the same cut of the event
/// sequence (<see cref="ExportCut"/>) however long it takes and however much suppliers write
/// meanwhile. Rows are streamed one at a time and redacted as reads are
/// (<see cref="Redaction.ForProfile(string, IReadOnlyCollection{DataClass}, AccessProfile)"/>); a resource
/// the profile sees nothing of beyond its id is left out (<see cref="AccessProfile.HidesWhole"/>).
/// </summary>
public sealed class ExportSnapshot(IDocumentStore store, SearchEngine search, SearchRequestParser parser)
{
    /// <summary>How many snapshots are taken, 50 ms apart, before one with no event being written below its last is found.</summary>
    private const int SnapshotAttempts = 40;

    public async Task<ExportCut> WriteAsync(ExportSelection selection, AccessProfile profile, NdjsonFiles files, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            var transactionTime = await ExportCut.TransactionTimeAsync(store, cancellation);
            await using var connection = store.Storage.Database.CreateConnection(ConnectionUsage.Read);
            await connection.OpenAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
            await using (var readOnly = new NpgsqlCommand($"set transaction read only; set local application_name = '{ExportCut.SnapshotApplicationName}'", connection, transaction))
                await readOnly.ExecuteNonQueryAsync(cancellation);
            var sequence = await ExportCut.SequenceOfSnapshotAsync(store.Options.Events.DatabaseSchemaName, transaction, cancellation);
            if (sequence is null && attempt < SnapshotAttempts)
            {
                await transaction.RollbackAsync(cancellation);
                await Task.Delay(50, cancellation);
                continue;
            }
            var cut = new ExportCut(transactionTime, sequence ?? 0);
            await WriteSnapshotAsync(selection, profile, files, transaction, cancellation);
            await files.CompleteAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            return cut;
        }
    }

    private async Task WriteSnapshotAsync(ExportSelection selection, AccessProfile profile, NdjsonFiles files, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        var tables = new ExportTables(store);
        var streams = selection.Organization is { } organization
            ? await ExportScope.StreamsAsync(tables.Of(typeof(PublicationState)), organization, transaction, cancellation)
            : null;
        foreach (var type in ExportSelection.AllTypes.Where(selection.Types.Contains))
        {
            var query = new TypeQuery(tables, type, selection, streams, Filters(type, selection), profile, search).Build();
            var deleted = new List<string>();
            await using (var command = query.ToCommand(transaction.Connection!, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellation))
            {
                while (await reader.ReadAsync(cancellation))
                {
                    var classSets = Storage.StoredClassSets.Parse(reader.IsDBNull(2) ? null : reader.GetString(2));
                    if (profile.HidesWhole(classSets)) continue;
                    if (reader.GetBoolean(3)) deleted.Add(reader.GetString(0));
                    else await files.WriteAsync(type, false, Redaction.ForProfile(reader.GetString(1), classSets, profile), cancellation);
                }
            }
            foreach (var id in deleted) await files.WriteAsync("Bundle", true, DeletionBundle(type, id), cancellation);
        }
    }

    private List<SearchRequest> Filters(string type, ExportSelection selection) =>
        selection.FiltersOf(type).Select(filter => ExportTypeFilters.Parse(parser, filter)).ToList();

    /// <summary>A deleted resource, as Bulk Data writes it: a transaction Bundle with one DELETE entry.</summary>
    private static string DeletionBundle(string type, string id) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "transaction",
            ["entry"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["request"] = new System.Text.Json.Nodes.JsonObject { ["method"] = "DELETE", ["url"] = $"{type}/{id}" },
            }),
        }.ToJsonString();
}
