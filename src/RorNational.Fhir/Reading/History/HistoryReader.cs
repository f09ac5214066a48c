using System.Data;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading.History;

/// <summary>One page of a history: its versions with what each must be redacted with, the total and where the next page starts.</summary>
public sealed record HistoryPage(long Total, IReadOnlyList<HistoryEntry> Entries, HistoryCursor? Next, long? NextBeforeVersion);

/// <summary>A version listed, with the classes its data have had since (<see cref="LaterVersions"/>).</summary>
public sealed record HistoryEntry(FhirResourceVersion Version, ClassesSince Since);

/// <summary>
/// Reads the versions of a history (instance, type or system) for a profile: the count and
/// the page in one read-only snapshot, and the later versions each listed version is
/// redacted with. The one read path of every history, so that whatever must follow a read
/// (an audit record) has one place to hook. Bounded in time as searches are
/// (Search:StatementTimeout, 503 past it): a count over every version is a scan.
/// </summary>
public sealed class HistoryReader(IDocumentStore store, IOptions<SearchOptions> options)
{
    private readonly VersionTable _table = new(store);

    public async Task<HistoryPage> ReadAsync(HistoryRequest request, AccessProfile profile, CancellationToken cancellation)
    {
        try
        {
            return await RunAsync(request, profile, cancellation);
        }
        catch (Exception e) when (SearchTimeout.RanOutOfTime(e, cancellation))
        {
            throw SearchTimeout.Rejection(options.Value.StatementTimeout);
        }
    }

    private async Task<HistoryPage> RunAsync(HistoryRequest request, AccessProfile profile, CancellationToken cancellation)
    {
        var query = new HistoryQuery(_table, request, profile);
        await using var connection = store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        await using (var readOnly = new NpgsqlCommand($"set transaction read only; {SearchTimeout.SetLocal(options.Value.StatementTimeout)}", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(cancellation);

        if (request.Scope.IsInstance && !(bool)(await Scalar(query.Exists(), transaction, cancellation))!)
            throw CommandRejected.Because(RejectionKind.NotFound, $"{request.Scope.Type}/{request.Scope.Id} is not known");
        var total = (long)(await Scalar(query.Count(), transaction, cancellation))!;
        var rows = await PageAsync(query.Page(), transaction, cancellation);
        var listed = rows.Take(request.Count).ToList();
        var since = profile.SeesEverything ? null : await LaterAsync(listed, transaction, cancellation);
        var entries = listed.Select(v => new HistoryEntry(v, since?[(v.ResourceType, v.ResourceId)][v.Version] ?? ClassesSince.Nothing)).ToList();
        var last = rows.Count > request.Count ? listed[^1] : null;
        return new HistoryPage(total, entries,
            last is null || request.Scope.IsInstance ? null : new HistoryCursor(last.LastUpdated.UtcDateTime, last.ResourceType, last.ResourceId, last.Version),
            last is not null && request.Scope.IsInstance ? last.Version : null);
    }

    private static async Task<object?> Scalar(SqlQuery query, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        await using var command = query.ToCommand(transaction.Connection!, transaction);
        return await command.ExecuteScalarAsync(cancellation);
    }

    private static async Task<List<FhirResourceVersion>> PageAsync(SqlQuery query, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        await using var command = query.ToCommand(transaction.Connection!, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rows = new List<FhirResourceVersion>();
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add(StoredVersions.Read(reader));
        }
        return rows;
    }

    /// <summary>
    /// The classes since each listed version, by resource: the versions published after the
    /// oldest listed version of each resource, read in one query.
    /// </summary>
    private async Task<Dictionary<(string Type, string Id), Dictionary<long, ClassesSince>>> LaterAsync(
        List<FhirResourceVersion> listed, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        var resources = listed.GroupBy(v => (v.ResourceType, v.ResourceId)).Select(g => (Key: g.Key, Oldest: g.Min(v => v.Version))).ToList();
        var query = new SqlQuery();
        var types = query.Add(resources.Select(r => r.Key.ResourceType).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var ids = query.Add(resources.Select(r => r.Key.ResourceId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var oldest = query.Add(resources.Select(r => r.Oldest).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        query.Append($"select {VersionTable.Type("v")}, {VersionTable.Id("v")}, {VersionTable.Version("v")}, {VersionTable.Json("v")} " +
            $"from unnest({types}, {ids}, {oldest}) as listed(type, id, oldest) join {_table.Name} v " +
            $"on {VersionTable.Type("v")} = listed.type and {VersionTable.Id("v")} = listed.id and {VersionTable.Version("v")} > listed.oldest " +
            $"where not {VersionTable.Deleted("v")}");

        var later = resources.ToDictionary(r => r.Key, _ => new List<LaterVersions.VersionContent>());
        await using (var command = query.ToCommand(transaction.Connection!, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation))
                later[(reader.GetString(0), reader.GetString(1))].Add(new(reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));

        return listed.GroupBy(v => (v.ResourceType, v.ResourceId)).ToDictionary(g => g.Key,
            g => LaterVersions.Fold(later[g.Key].OrderByDescending(v => v.Version).ToList(), g.Select(v => v.Version)));
    }
}
