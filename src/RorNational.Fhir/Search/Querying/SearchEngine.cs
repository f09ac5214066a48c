using System.Data;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Storage;
using Marten.Storage;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Runs a parsed search on the index: total, one keyset page of matches, their includes, and
/// their stored JSON, all in one read-only repeatable-read transaction so that the total, the
/// page and the includes describe the same instant.
/// </summary>
public sealed class SearchEngine(IDocumentStore store, IOptions<SearchOptions> options, IndexedMasks masks, LargeCounts largeCounts, RedactedRenderings renderings)
{
    private static readonly Dictionary<string, Type> DocumentTypes = new()
    {
        ["Organization"] = typeof(OrganizationDocument),
        ["HealthcareService"] = typeof(HealthcareServiceDocument),
        ["Location"] = typeof(LocationDocument),
        ["Practitioner"] = typeof(PractitionerDocument),
        ["PractitionerRole"] = typeof(PractitionerRoleDocument),
    };

    private string Schema => store.Options.DatabaseSchemaName;

    private CriterionSql Sql(SqlQuery query, AccessProfile profile) => new(Schema, query, profile, masks.Last);

    /// <summary>Past Search:StatementTimeout, or with the database unreachable: 503 (<see cref="SearchTimeout"/>).</summary>
    public async Task<SearchResult> SearchAsync(SearchRequest request, AccessProfile profile, CancellationToken cancellation)
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

    private async Task<SearchResult> RunAsync(SearchRequest request, AccessProfile profile, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        // No JIT: it compiles for 50 to 90 ms what a search runs in less (a cost estimate above jit_above_cost is a large count, not a long one).
        // Custom plans only: a search's statements are prepared (Npgsql's auto-prepare), and after five runs PostgreSQL may keep a
        // generic plan, planned without the values; on skewed values (a région's 27,000 lieux where the generic plan guesses 17)
        // it chose a nested loop over every match for a page the index gives in id order: 338 ms against 1.4 ms.
        await using (var readOnly = new NpgsqlCommand(
                         $"set transaction read only; set local jit = off; set local plan_cache_mode = force_custom_plan; {SearchTimeout.SetLocal(options.Value.StatementTimeout)}",
                         connection, transaction))
            await readOnly.ExecuteNonQueryAsync(cancellation);
        await masks.ReadIfStaleAsync(connection, transaction, Schema, cancellation);
        var session = new Session(connection, transaction, cancellation);

        var cursor = request.Cursor;
        // A later page is always counted; a first page may hold every match, and then is its own total.
        var counted = request.Total && (request.CountOnly || cursor is not null) ? await CountAsync(session, request, profile) : (long?)null;
        if (request.CountOnly) return new SearchResult { Total = counted };

        var page = await PageAsync(session, request, profile);
        var result = new SearchResult { Total = request.Total ? counted ?? await FirstPageTotalAsync(session, request, profile, page) : null };
        var continuingIncludes = cursor?.IncludesAfter is not null;
        var includes = await IncludesAsync(session, request, page.Ids, profile);
        var remaining = includes.SkipWhile(key => continuingIncludes && string.CompareOrdinal(Key(key), cursor!.IncludesAfter) <= 0).ToList();
        var limit = options.Value.MaxIncludesPerPage;
        var shownIncludes = remaining.Take(limit).ToList();

        if (!continuingIncludes)
            result.Matches.AddRange(await LoadAsync(session, page.Ids.Select(id => (Type: request.ResourceType, Id: id)).ToList(), profile, page.Distances));
        result.Includes.AddRange(await LoadAsync(session, shownIncludes, profile, null));

        if (remaining.Count > limit)
            result.Next = page.First! with { IncludesAfter = Key(shownIncludes[^1]) };
        else
            result.Next = page.Next;
        result.Previous = continuingIncludes ? null : page.Previous;
        await transaction.CommitAsync(cancellation);
        return result;
    }

    private sealed record Session(NpgsqlConnection Connection, NpgsqlTransaction Transaction, CancellationToken Cancellation);

    private sealed record Page(List<string> Ids, PageCursor? Next, PageCursor? Previous, PageCursor? First, Dictionary<string, double>? Distances);

    private static string Key((string Type, string Id) resource) => resource.Type + "/" + resource.Id;

    /// <summary>
    /// Appends "select r.id from ... where ..." to <paramref name="query"/>: the ids of the resources
    /// a search's criteria match for a profile, as a subquery of another query run in the same
    /// snapshot (an export's <c>_typeFilter</c>).
    /// </summary>
    public void AppendMatchingIds(SqlQuery query, SearchRequest request, AccessProfile profile) =>
        Where(request, profile, query.Append("select r.id"));

    private SqlQuery Where(SearchRequest request, AccessProfile profile, SqlQuery? into = null)
    {
        var query = into ?? new SqlQuery();
        var sql = Sql(query, profile);
        query.Append($" from {Schema}.fhir_search_resource r where r.resource_type = {query.Add(request.ResourceType, NpgsqlDbType.Text)}");
        // The capacity criteria of a search hold on one indicator (SameIndicator), the equipment criteria on one equipment (SameEquipment).
        foreach (var criterion in SameIndicator.Grouped(request.Criteria, request.ResourceType))
            query.Append(" and " + sql.Predicate(criterion, request.ResourceType, "r"));
        return query;
    }

    /// <summary>
    /// The count of a search's matches. The national capacity search and a search of one tag (a
    /// région's lieux) read the counts the index keeps (<see cref="CriterionSql.KeptServiceCount"/>,
    /// <see cref="CriterionSql.KeptTagCount"/>). A search of one index lookup (a région's lieux, a
    /// capacity chain) is counted on the index alone, its ids made distinct: every index row
    /// belongs to a published resource, so probing the resource table once per match (39,368
    /// probes, 240 ms, for Île-de-France's lieux) adds nothing but time (26 ms without).
    /// </summary>
    private SqlQuery CountQuery(SearchRequest request, AccessProfile profile)
    {
        var query = new SqlQuery();
        var sql = Sql(query, profile);
        var grouped = SameIndicator.Grouped(request.Criteria, request.ResourceType).ToList();
        if ((sql.KeptServiceCount(grouped, request.ResourceType) ?? sql.KeptTagCount(grouped, request.ResourceType)) is { } kept)
            return query.Append(kept);
        if (OneLookup(query, request, profile) is { } ids)
            return query.Append($"select count(*) from (select m.id from ({ids}) m group by m.id) distinct_matches");
        var counted = Where(request, profile);
        counted.Text.Insert(0, "select count(*)");
        return counted;
    }

    /// <summary>
    /// The ids subquery of a search made of one index lookup (ids may repeat; <see cref="CriterionSql.IdsOf"/>),
    /// its values added to <paramref name="query"/>; null when the search needs the resource table.
    /// </summary>
    private string? OneLookup(SqlQuery query, SearchRequest request, AccessProfile profile) =>
        SameIndicator.Grouped(request.Criteria, request.ResourceType).ToList() is [var only]
            ? Sql(query, profile).IdsOf(only, request.ResourceType)
            : null;

    /// <summary>
    /// The exact total of a first page: when nothing follows it, its matches, read in the same
    /// snapshot, without a count (most searches of a directory fit one page); else counted
    /// (<see cref="CountAsync"/>).
    /// </summary>
    private async Task<long> FirstPageTotalAsync(Session session, SearchRequest request, AccessProfile profile, Page page) =>
        page.Next is null ? page.Ids.Count : await CountAsync(session, request, profile);

    /// <summary>
    /// The exact total: within Search:SmallCountBound, or else in its turn among the large counts
    /// (<see cref="LargeCounts"/>). A bound of zero makes every count large; one at or above the
    /// statement timeout, none.
    /// </summary>
    private async Task<long> CountAsync(Session session, SearchRequest request, AccessProfile profile)
    {
        var query = CountQuery(request, profile);
        var bound = options.Value.SmallCountBound;
        if (bound >= options.Value.StatementTimeout) return await RunCountAsync(session, query);
        var key = query.Key();
        if (bound > TimeSpan.Zero && !largeCounts.KnownLarge(key))
        {
            if (await SmallCountAsync(session, query, bound) is { } small) return small;
            largeCounts.RememberLarge(key);
        }
        using var turn = await largeCounts.TurnAsync(session.Cancellation);
        return await RunCountAsync(session, query);
    }

    /// <summary>The count within the small bound, under a savepoint; null when it ran past it (the transaction goes on, its snapshot unchanged).</summary>
    private async Task<long?> SmallCountAsync(Session session, SqlQuery query, TimeSpan bound)
    {
        await ExecuteAsync(session, $"savepoint small_count; {SearchTimeout.SetLocal(bound)}");
        try
        {
            var count = await RunCountAsync(session, query);
            // Released, the savepoint keeps its SET LOCAL: the statement timeout is set back.
            await ExecuteAsync(session, $"release savepoint small_count; {SearchTimeout.SetLocal(options.Value.StatementTimeout)}");
            return count;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled && !session.Cancellation.IsCancellationRequested)
        {
            // Rolled back to, the savepoint undoes its SET LOCAL too: the statement timeout is the search's again.
            await ExecuteAsync(session, "rollback to savepoint small_count");
            return null;
        }
    }

    private static async Task<long> RunCountAsync(Session session, SqlQuery query)
    {
        await using var command = query.ToCommand(session.Connection, session.Transaction);
        return (long)(await command.ExecuteScalarAsync(session.Cancellation))!;
    }

    private static async Task ExecuteAsync(Session session, string sql)
    {
        await using var command = new NpgsqlCommand(sql, session.Connection, session.Transaction);
        await command.ExecuteNonQueryAsync(session.Cancellation);
    }

    /// <summary>
    /// One keyset page. Sorted by id alone, a search of one index lookup is paged on the index
    /// alone, as it is counted (<see cref="CountQuery"/>): joined to the resource table, 1,500
    /// text matches of 30,000 UO made PostgreSQL read the whole table for a page of 200.
    /// </summary>
    private SqlQuery PageQuery(SearchRequest request, AccessProfile profile, List<KeysetPaging.SortColumn> keys)
    {
        var cursor = request.Cursor;
        var backward = cursor?.Backward == true;
        var query = new SqlQuery();
        var indexAlone = keys.Count == 1 ? OneLookup(query, request, profile) : null;
        if (indexAlone is null) Where(request, profile, query);
        else query.Append($" from ({indexAlone}) r where true");
        if (cursor is not null) query.Append(" and " + KeysetPaging.Condition(query, keys, cursor, backward));
        query.Text.Insert(0, "select " + string.Join(", ", keys.Select(k => k.Column)));
        // Ids of the index alone may repeat (a UO with two matching specialties).
        if (indexAlone is not null) query.Append(" group by r.id");
        var order = keys.Select(k => $"{k.Column} {((k.Descending ^ backward) ? "desc" : "asc")}");
        query.Append($" order by {string.Join(", ", order)} limit {query.Add(request.Count + 1, NpgsqlDbType.Integer)}");
        return query;
    }

    /// <summary>
    /// The PostgreSQL plans of a search's count and page queries (EXPLAIN, with ANALYZE when
    /// asked): how the benchmark and the plan tests check that every parameter is index-backed.
    /// </summary>
    public async Task<(string Count, string Page)> ExplainAsync(SearchRequest request, AccessProfile profile, bool analyze, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(cancellation);
        await masks.ReadIfStaleAsync(connection, null, Schema, cancellation);
        async Task<string> Explain(SqlQuery query)
        {
            query.Text.Insert(0, analyze ? "explain (analyze, buffers) " : "explain ");
            await using var command = query.ToCommand(connection, null);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            var lines = new List<string>();
            while (await reader.ReadAsync(cancellation)) lines.Add(reader.GetString(0));
            return string.Join('\n', lines);
        }
        return (await Explain(CountQuery(request, profile)), await Explain(PageQuery(request, profile, KeysetPaging.SortColumns(request, new PriceSort(Schema, profile)))));
    }

    private async Task<Page> PageAsync(Session session, SearchRequest request, AccessProfile profile)
    {
        var keys = KeysetPaging.SortColumns(request, new PriceSort(Schema, profile));
        var cursor = request.Cursor;
        var backward = cursor?.Backward == true;
        var query = PageQuery(request, profile, keys);

        var rows = new List<(string Id, string?[] Keys)>();
        await using (var command = query.ToCommand(session.Connection, session.Transaction))
        await using (var reader = await command.ExecuteReaderAsync(session.Cancellation))
            while (await reader.ReadAsync(session.Cancellation))
            {
                var values = keys.Select((k, i) => k.Read(reader, i)).ToArray();
                rows.Add((values[^1]!, values[..^1]));
            }
        var more = rows.Count > request.Count;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (backward) rows.Reverse();

        PageCursor After((string Id, string?[] Keys) row) => new(row.Keys, row.Id);
        PageCursor Before((string Id, string?[] Keys) row) => new(row.Keys, row.Id, Backward: true);
        var next = rows.Count == 0 ? null : backward || more ? After(rows[^1]) : null;
        var previous = rows.Count == 0 ? null : (backward ? more : cursor is not null) ? Before(rows[0]) : null;
        // Where this page starts, for a continuation of its includes.
        var first = rows.Count == 0 ? null : new PageCursor(rows[0].Keys, rows[0].Id, Inclusive: true);
        var ids = rows.Select(r => r.Id).ToList();
        var distances = await DistancesAsync(session, request, ids, profile);
        return new Page(ids, next, previous, first, distances);
    }

    /// <summary>
    /// The distance of each match from the centre of a near / near-insee-code criterion, on
    /// the resource itself or, chained, on the locations it references.
    /// </summary>
    private async Task<Dictionary<string, double>?> DistancesAsync(Session session, SearchRequest request, List<string> ids, AccessProfile profile)
    {
        if (ids.Count == 0) return null;
        var (near, reference) = request.Criteria.Select(NearOf).FirstOrDefault(n => n.Near is not null);
        if (near is null) return null;
        var query = new SqlQuery();
        var sql = Sql(query, profile);
        var parameters = near.CommuneCentroids ? $"array['near', '{SearchIndexer.CommuneCentroidParam}']" : "array['near']";
        var type = query.Add(request.ResourceType, NpgsqlDbType.Text);
        var idList = query.Add(ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        query.Append(reference is null
            ? $"select p.id, min({sql.DistanceKm("p", near)}) from {Schema}.fhir_search_position p where p.resource_type = {type} and p.id = any({idList}) " +
              $"and p.param = any({parameters}) and {sql.Visible("p")} group by p.id"
            : $"select x.id, min({sql.DistanceKm("p", near)}) from {Schema}.fhir_search_reference x join {Schema}.fhir_search_position p " +
              $"on p.resource_type = x.target_type and p.id = x.target_id where x.resource_type = {type} and x.id = any({idList}) " +
              $"and x.param = {query.Add(reference, NpgsqlDbType.Text)} and p.param = any({parameters}) and {sql.Visible("p")} " +
              $"and {sql.Visible("x")} group by x.id");
        var distances = new Dictionary<string, double>();
        await using var command = query.ToCommand(session.Connection, session.Transaction);
        await using var reader = await command.ExecuteReaderAsync(session.Cancellation);
        while (await reader.ReadAsync(session.Cancellation)) distances[reader.GetString(0)] = reader.GetDouble(1);
        return distances;
    }

    private static (NearValue? Near, string? Reference) NearOf(Criterion criterion) => criterion switch
    {
        ParameterCriterion { Values: [NearValue near, ..] } => (near, null),
        ChainCriterion { Target: ParameterCriterion { Values: [NearValue near, ..] } } chain => (near, chain.Reference.Code),
        _ => (null, null),
    };

    /// <summary>
    /// The resources the includes reach from the page's matches, :iterate ones followed to a
    /// fixed point, the matches themselves excluded, in (type, id) order.
    /// </summary>
    private async Task<List<(string Type, string Id)>> IncludesAsync(Session session, SearchRequest request, List<string> matches, AccessProfile profile)
    {
        if (request.Includes.Count == 0 || matches.Count == 0) return [];
        var found = matches.Select(id => (Type: request.ResourceType, Id: id)).ToHashSet();
        var frontier = found.ToList();
        var first = true;
        while (frontier.Count > 0)
        {
            var reached = new List<(string Type, string Id)>();
            foreach (var include in request.Includes.Where(i => first || i.Iterate))
                reached.AddRange(await FollowAsync(session, include, frontier, profile));
            frontier = reached.Where(found.Add).ToList();
            first = false;
        }
        var matchSet = matches.ToHashSet();
        return found.Where(r => !(r.Type == request.ResourceType && matchSet.Contains(r.Id)))
            .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private async Task<List<(string Type, string Id)>> FollowAsync(Session session, IncludeRequest include, List<(string Type, string Id)> from, AccessProfile profile)
    {
        var query = new SqlQuery();
        var fromType = include.Reverse ? include.TargetType : include.SourceType;
        var ids = from.Where(r => fromType is null || r.Type == fromType).Select(r => r.Id).Distinct().ToArray();
        var types = from.Where(r => fromType is null || r.Type == fromType).Select(r => r.Type).Distinct().ToArray();
        if (ids.Length == 0 || (!include.Reverse && !types.Contains(include.SourceType))) return [];
        var source = query.Add(include.SourceType, NpgsqlDbType.Text);
        var param = query.Add(include.Parameter, NpgsqlDbType.Text);
        var idList = query.Add(ids, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var visible = Sql(query, profile).Visible("x");
        var target = include.TargetType is null ? "" : $" and x.target_type = {query.Add(include.TargetType, NpgsqlDbType.Text)}";
        query.Append(!include.Reverse
            ? $"select x.target_type, x.target_id from {Schema}.fhir_search_reference x where x.resource_type = {source} and x.param = {param} " +
              $"and x.id = any({idList}) and {visible}{target}"
            : $"select x.resource_type, x.id from {Schema}.fhir_search_reference x where x.resource_type = {source} and x.param = {param} " +
              $"and x.target_id = any({idList}) and x.target_type = any({query.Add(types, NpgsqlDbType.Array | NpgsqlDbType.Text)}) and {visible}{target}");
        // Only what is published: a reference to an unpublished resource includes nothing.
        query.Text.Insert(0, "select f.* from (");
        query.Append($") f join {Schema}.fhir_search_resource r on r.resource_type = f.{(include.Reverse ? "resource_type" : "target_type")} and r.id = f.{(include.Reverse ? "id" : "target_id")}");
        var reached = new List<(string, string)>();
        await using var command = query.ToCommand(session.Connection, session.Transaction);
        await using var reader = await command.ExecuteReaderAsync(session.Cancellation);
        while (await reader.ReadAsync(session.Cancellation)) reached.Add((reader.GetString(0), reader.GetString(1)));
        return reached;
    }

    /// <summary>
    /// The stored JSON of resources, in the order given, as the profile may see them: the UTF-8
    /// bytes PostgreSQL sends, or their redacted rendering, kept per profile as a read's is
    /// (<see cref="RedactedRenderings"/>).
    /// </summary>
    private async Task<List<FoundResource>> LoadAsync(Session session, List<(string Type, string Id)> resources, AccessProfile profile, Dictionary<string, double>? distances)
    {
        var json = new Dictionary<(string, string), FoundResource>();
        foreach (var group in resources.GroupBy(r => r.Type))
        {
            var table = store.Options.FindOrResolveDocumentType(DocumentTypes[group.Key]).TableName.QualifiedName;
            var query = new SqlQuery();
            // Retired resources have no index rows: in this snapshot, nothing found is retired.
            query.Append($"select id, data ->> 'Json', data ->> 'ClassSets', (data ->> 'Version')::bigint, data ->> 'ContentHash' from {table} where id = any({query.Add(group.Select(r => r.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
            await using var command = query.ToCommand(session.Connection, session.Transaction);
            await using var reader = await command.ExecuteReaderAsync(session.Cancellation);
            while (await reader.ReadAsync(session.Cancellation))
            {
                var id = reader.GetString(0);
                var classSets = ClassSets(reader, 2);
                var version = reader.GetInt64(3);
                var key = RedactedRenderings.KeyOf(group.Key, id, version, reader.IsDBNull(4) ? "" : reader.GetString(4));
                json[(group.Key, id)] = new FoundResource(group.Key, id, AsSeenBy(profile, reader.GetFieldValue<byte[]>(1), classSets, key))
                {
                    Version = version,
                    ClassSets = classSets,
                };
            }
        }
        return resources.Where(json.ContainsKey)
            .Select(r => json[r] with { DistanceKm = distances is not null && distances.TryGetValue(r.Id, out var d) ? d : null })
            .ToList();
    }

    private byte[] AsSeenBy(AccessProfile profile, byte[] stored, DataClass[] classSets, string renderingKey) =>
        profile.HidesAnyOf(classSets) ? renderings.For(renderingKey, profile, () => Redaction.ForProfile(stored, classSets, profile)) : stored;

    private static DataClass[] ClassSets(NpgsqlDataReader reader, int ordinal) =>
        StoredClassSets.Parse(reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal));
}
