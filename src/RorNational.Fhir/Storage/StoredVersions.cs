using System.Data.Common;
using System.Globalization;
using Marten;
using Npgsql;
using RorNational.Fhir.Access;

namespace RorNational.Fhir.Storage;

/// <summary>
/// Reads stored versions (<see cref="ResourceVersionTable"/>) through a Marten session's
/// connection: by versioned reference, the newest number of a resource, and the content of the
/// versions published after another (what <see cref="Reading.LaterVersions"/> folds). Histories,
/// which page and filter, have their own query (<see cref="Reading.History.HistoryQuery"/>).
/// </summary>
public static class StoredVersions
{
    public static async Task<FhirResourceVersion?> LoadAsync(IQuerySession session, string type, string id, long version, CancellationToken cancellation)
    {
        var found = await LoadManyAsync(session, [(type, id, version)], cancellation);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Those of these versioned references ("Location/x/_history/7") that are stored; a malformed one is not.</summary>
    public static Task<IReadOnlyList<FhirResourceVersion>> LoadManyAsync(IQuerySession session, IEnumerable<string> keys, CancellationToken cancellation) =>
        LoadManyAsync(session, keys.Select(Parse).OfType<(string, string, long)>().ToList(), cancellation);

    public static async Task<IReadOnlyList<FhirResourceVersion>> LoadManyAsync(
        IQuerySession session, IReadOnlyList<(string Type, string Id, long Version)> keys, CancellationToken cancellation)
    {
        if (keys.Count == 0) return [];
        await using var command = Command(
            $"select {ResourceVersionTable.Columns("v")} from unnest($1::text[], $2::text[], $3::bigint[]) as k(t, i, n) " +
            $"join {ResourceVersionTable.QualifiedName(session.DocumentStore)} v on v.resource_type = k.t and v.resource_id = k.i and v.version = k.n",
            keys.Select(k => k.Type).ToArray(), keys.Select(k => k.Id).ToArray(), keys.Select(k => k.Version).ToArray());
        var versions = new List<FhirResourceVersion>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation)) versions.Add(Read(reader));
        return versions;
    }

    /// <summary>The newest version number of a resource, 0 when it has none.</summary>
    public static async Task<long> NewestAsync(IQuerySession session, string type, string id, CancellationToken cancellation)
    {
        await using var command = Command(
            $"select coalesce(max(version), 0) from {ResourceVersionTable.QualifiedName(session.DocumentStore)} where resource_type = $1 and resource_id = $2",
            type, id);
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        return await reader.ReadAsync(cancellation) ? reader.GetInt64(0) : 0;
    }

    /// <summary>The number and content of the versions of one resource after <paramref name="after"/>, retirements left out, newest first.</summary>
    public static async Task<List<Reading.LaterVersions.VersionContent>> ContentAfterAsync(
        IQuerySession session, string type, string id, long after, CancellationToken cancellation)
    {
        await using var command = Command(
            $"select version, json from {ResourceVersionTable.QualifiedName(session.DocumentStore)} " +
            "where resource_type = $1 and resource_id = $2 and version > $3 and not deleted order by version desc",
            type, id, after);
        var later = new List<Reading.LaterVersions.VersionContent>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation)) later.Add(new(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return later;
    }

    /// <summary>The versions, retirements left out, of any of these resources stored after an instant.</summary>
    public static async Task<IReadOnlyList<FhirResourceVersion>> StoredAfterAsync(
        IQuerySession session, string[] types, string[] ids, DateTimeOffset after, CancellationToken cancellation)
    {
        await using var command = Command(
            $"select {ResourceVersionTable.Columns("v")} from {ResourceVersionTable.QualifiedName(session.DocumentStore)} v " +
            "where v.resource_type = any($1) and v.resource_id = any($2) and v.last_updated > $3 and not v.deleted",
            types, ids, after.UtcDateTime);
        var versions = new List<FhirResourceVersion>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation)) versions.Add(Read(reader));
        return versions;
    }

    /// <summary>A row of <see cref="ResourceVersionTable.Columns"/>.</summary>
    public static FhirResourceVersion Read(DbDataReader reader) => new()
    {
        ResourceType = reader.GetString(0),
        ResourceId = reader.GetString(1),
        Version = reader.GetInt64(2),
        LastUpdated = new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero),
        Json = reader.IsDBNull(4) ? null : reader.GetString(4),
        Deleted = reader.GetBoolean(5),
        ClassSets = [.. reader.GetFieldValue<int[]>(6).Select(c => (DataClass)c)],
    };

    private static NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>"Location/x/_history/7" as its type, id and number; null when it is not one.</summary>
    private static (string, string, long)? Parse(string key)
    {
        var parts = key.Split('/');
        return parts is [var type, var id, "_history", var number] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (type, id, version) : null;
    }
}
