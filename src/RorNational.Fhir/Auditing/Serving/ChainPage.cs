using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>
/// One page of a search of the audit chain (AuditEvents, Provenance), newest first (by
/// <c>recorded</c>, then by position), and its total, read in one repeatable-read transaction,
/// so they agree; paged by both (<c>_before</c>, <see cref="ChainCursor"/>), which never change
/// once written. The chain's indexes on a date and on an agent end with (<c>recorded</c>,
/// <c>position</c>) (<see cref="Chain.AuditChainTable"/>), so such a page is read in order from
/// its index, however old its records are and however long the chain has grown since.
/// A first page that holds every match is
/// its own total; any other is counted; <c>_summary=count</c> reads no page, <c>_total=none</c>
/// no count (<see cref="ChainSearchShape"/>).
/// </summary>
public static class ChainPage
{
    /// <summary>A record listed, and where the next page starts when it is the page's last (its position is the cursor's).</summary>
    public sealed record Row(string Id, string Content, ChainCursor Cursor);

    public sealed record Result(long? Total, IReadOnlyList<Row> Rows, ChainCursor? NextBefore);

    /// <param name="criteria">Makes the search's "from ... where ..." (a fresh query each call: the count and the page each take their own parameters).</param>
    /// <param name="columns">What the page selects after <c>a.position, a.id</c>, read by <paramref name="contentOf"/> from column 2 on (<c>a.recorded</c> follows them, for the cursor).</param>
    /// <param name="search">The search's page and shape (its criteria are made again by <paramref name="criteria"/>).</param>
    public static async Task<Result> ReadAsync(IDocumentStore store, ChainSearch search, Func<SqlQuery> criteria,
        string columns, Func<NpgsqlDataReader, string> contentOf, CancellationToken cancellation)
    {
        var (count, before, shape) = (search.Count, search.Before, search.Shape);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellation);
        async Task<long> CountAsync()
        {
            var counted = criteria();
            counted.Text.Insert(0, "select count(*)");
            await using var command = counted.ToCommand(connection, transaction);
            return (long)(await command.ExecuteScalarAsync(cancellation))!;
        }
        if (shape.CountOnly)
        {
            var total = shape.Total ? await CountAsync() : (long?)null;
            await transaction.CommitAsync(cancellation);
            return new Result(total, [], null);
        }

        var page = PageQuery(search, criteria, columns);
        var rows = new List<Row>();
        await using (var command = page.ToCommand(connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation))
                rows.Add(new Row(reader.GetString(1), contentOf(reader),
                    ChainCursor.After(reader.GetFieldValue<DateTime>(reader.FieldCount - 1), reader.GetInt64(0))));
        var more = rows.Count > count;
        long? found = !shape.Total ? null : before is null && !more ? rows.Count : await CountAsync();
        await transaction.CommitAsync(cancellation);
        return new Result(found, rows.Take(count).ToList(), more ? rows[count - 1].Cursor : null);
    }

    /// <summary>The page's query: the criteria, after <c>_before</c>, newest first, one row more than the page to know whether another follows.</summary>
    public static SqlQuery PageQuery(ChainSearch search, Func<SqlQuery> criteria, string columns)
    {
        var page = criteria();
        var paging = search.Before is { } after
            ? $" and (a.recorded, a.position) < ({page.Add(after.Recorded, NpgsqlTypes.NpgsqlDbType.TimestampTz)}, {page.Add(after.Position)})" : "";
        page.Text.Insert(0, $"select a.position, a.id, {columns}, a.recorded");
        page.Append($"{paging} order by a.recorded desc, a.position desc limit {page.Add(search.Count + 1)}");
        return page;
    }

    /// <summary>The search's own URL with its parameters in a stable order, and <c>_before</c> for the next page.</summary>
    public static string Link(string self, HttpRequest request, ChainCursor? before)
    {
        var url = self;
        foreach (var (name, values) in request.Query.Where(p => p.Key != "_before").OrderBy(p => p.Key, StringComparer.Ordinal))
            foreach (var value in values)
                url = QueryHelpers.AddQueryString(url, name, value ?? "");
        return before is null ? url : QueryHelpers.AddQueryString(url, "_before", before.ToString());
    }
}
