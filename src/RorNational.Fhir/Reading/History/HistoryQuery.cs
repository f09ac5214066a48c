using NpgsqlTypes;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Querying;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// The SQL of a history: which versions it lists (scope, <c>_since</c>, <c>_at</c>, what the
/// profile may see at all), counted, and one page of them in the history's order, after a
/// keyset cursor. Values travel as parameters only.
/// </summary>
public sealed class HistoryQuery(VersionTable table, HistoryRequest request, AccessProfile profile)
{
    private const string V = "v";

    /// <summary>The version's columns a page reads, in this order.</summary>
    private static string Columns => ResourceVersionTable.Columns(V);

    public SqlQuery Count()
    {
        var query = new SqlQuery().Append($"select count(*) from {table.Name} {V} where true");
        return Where(query);
    }

    public SqlQuery Page()
    {
        var query = new SqlQuery().Append($"select {Columns} from {table.Name} {V} where true");
        Where(query);
        var keys = Keys();
        if (request.After is { } after)
        {
            var values = Scope.Type is null
                ? [query.Add(after.LastUpdated, NpgsqlDbType.TimestampTz), query.Add(after.Type), query.Add(after.Id), query.Add(after.Version)]
                : new[] { query.Add(after.LastUpdated, NpgsqlDbType.TimestampTz), query.Add(after.Id), query.Add(after.Version) };
            query.Append($" and ({string.Join(", ", keys)}) < ({string.Join(", ", values)})");
        }
        if (request.BeforeVersion is { } before) query.Append($" and {VersionTable.Version(V)} < {query.Add(before)}");
        query.Append($" order by {string.Join(", ", keys.Select(k => k + " desc"))} limit {query.Add(request.Count + 1, NpgsqlDbType.Integer)}");
        return query;
    }

    /// <summary>Whether the resource of an instance history has any version at all.</summary>
    public SqlQuery Exists() =>
        ScopeOnly(new SqlQuery().Append($"select exists (select 1 from {table.Name} {V} where true")).Append(")");

    private HistoryScope Scope => request.Scope;

    /// <summary>
    /// The order of a history, newest first: one resource's by version; a type's by
    /// lastUpdated, id, version; the system's by lastUpdated, type, id, version (each
    /// matching an index of the versions' table).
    /// </summary>
    private string[] Keys() => Scope.IsInstance ? [VersionTable.Version(V)]
        : Scope.Type is null ? [VersionTable.LastUpdated(V), VersionTable.Type(V), VersionTable.Id(V), VersionTable.Version(V)]
        : [VersionTable.LastUpdated(V), VersionTable.Id(V), VersionTable.Version(V)];

    private SqlQuery ScopeOnly(SqlQuery query)
    {
        if (Scope.Type is { } type) query.Append($" and {VersionTable.Type(V)} = {query.Add(type)}");
        if (Scope.Id is { } id) query.Append($" and {VersionTable.Id(V)} = {query.Add(id)}");
        return query;
    }

    private SqlQuery Where(SqlQuery query)
    {
        ScopeOnly(query);
        if (request.Since is { } since) query.Append($" and {VersionTable.LastUpdated(V)} >= {Instant(query, since)}");
        foreach (var at in request.At)
        {
            if (at.EndsAfter is { } start)
                query.Append($" and not exists ({table.Following(V, "next", $"{VersionTable.LastUpdated("next")} <= {Instant(query, start)}")})");
            if (at.StartsBefore is { } end)
                query.Append($" and {VersionTable.LastUpdated(V)} {(at.StartsBeforeInclusive ? "<=" : "<")} {Instant(query, end)}");
        }
        // One resource's history is read as vread reads each version (id and meta at least);
        // a type's or the system's lists only the versions the profile may see something of.
        if (!Scope.IsInstance && table.Visible(profile, V) is { } visible) query.Append($" and {visible}");
        return query;
    }

    private static string Instant(SqlQuery query, DateTimeOffset instant) => query.Add(instant.UtcDateTime, NpgsqlDbType.TimestampTz);
}
