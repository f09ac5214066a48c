using RorNational.Fhir.Access;
using Marten;
using RorNational.Fhir.Search.Indexing.Tags;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// Replaces the index rows of the resources a projection batch stored or retired, in the
/// batch's transaction: one delete and one insert per index table for the whole batch,
/// whatever its size (values travel as arrays, unnested by PostgreSQL). The tokens' delete and
/// insert are one statement that also counts the resources' tags (<see cref="TagCounts"/>).
/// </summary>
public static class SearchIndexWriter
{
    /// <param name="replaced">The resources whose rows are deleted first: those republished or retired (a new resource has none).</param>
    /// <param name="rows">The rows of the resources stored by the batch.</param>
    public static void Queue(IDocumentOperations operations, IReadOnlyCollection<(string Type, string Id)> replaced, IReadOnlyList<SearchIndexRows> rows)
    {
        var schema = IndexWriteTarget.SchemaOf(operations);
        // A rebuild's staging tables get their tag counts derived once loaded.
        var countingTags = !IndexWriteTarget.IsStaged;
        var types = replaced.Select(r => r.Type).ToArray();
        var ids = replaced.Select(r => r.Id).ToArray();
        if (replaced.Count > 0)
            foreach (var table in SearchIndexSchema.WrittenByResource.Where(t => !(countingTags && t == TokenTable)))
                operations.QueueSqlCommand(
                    $"delete from {schema}.{table} t using unnest(?::text[], ?::text[]) as r(resource_type, id) " +
                    "where t.resource_type = r.resource_type and t.id = r.id", types, ids);

        var tokens = Flatten(rows, r => r.Tokens);
        object[] tokenValues = tokens.Count > 0 ? ThreeTextValues(tokens, t => t.Param, t => t.System, t => t.Code, t => t.Requires) : [];
        if (countingTags && (replaced.Count > 0 || tokens.Count > 0))
            operations.QueueSqlCommand(TagCounts.Replace(schema, replaced.Count > 0, tokens.Count > 0, ThreeTextRows),
                [.. replaced.Count > 0 ? new object[] { types, ids } : [], .. tokenValues]);
        else if (tokens.Count > 0)
            operations.QueueSqlCommand($"insert into {schema}.{TokenTable} (resource_type, id, param, system, code, requires) {ThreeTextRows}", tokenValues);
        if (rows.Count == 0) return;

        operations.QueueSqlCommand(
            $"insert into {schema}.fhir_search_resource (resource_type, id, last_updated, sort_name, absent) " +
            "select r.resource_type, r.id, r.last_updated, r.sort_name, coalesce(string_to_array(r.absent, ' '), '{}') " +
            "from unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[]) as r(resource_type, id, last_updated, sort_name, absent)",
            rows.Select(r => r.ResourceType).ToArray(), rows.Select(r => r.Id).ToArray(),
            rows.Select(r => r.LastUpdated.ToUniversalTime()).ToArray(), rows.Select(r => r.SortName ?? "").ToArray(),
            // A text[] per row cannot travel in a one-dimensional array: each set as its codes
            // separated by spaces (parameter codes have none).
            rows.Select(r => r.Absent.Length == 0 ? null : string.Join(' ', r.Absent)).ToArray());

        Insert(operations, schema, "string", "param, normalized, exact", rows, r => r.Strings,
            s => s.Param, s => s.Normalized, s => s.Exact, s => s.Requires);
        Insert(operations, schema, "reference", "param, target_type, target_id", rows, r => r.References,
            x => x.Param, x => x.TargetType, x => x.TargetId, x => x.Requires);

        var numbers = Flatten(rows, r => r.Numbers);
        if (numbers.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {schema}.fhir_search_number (resource_type, id, param, value, system, code, requires) " +
                "select * from unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[], ?::integer[])",
                Types(numbers), Ids(numbers), numbers.Select(n => n.Row.Param).ToArray(), numbers.Select(n => n.Row.Value).ToArray(),
                numbers.Select(n => n.Row.System).ToArray(), numbers.Select(n => n.Row.Code).ToArray(), Requires(numbers, n => n.Requires));

        var dates = Flatten(rows, r => r.Dates);
        if (dates.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {schema}.fhir_search_date (resource_type, id, param, low, high, requires) " +
                "select * from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::integer[])",
                Types(dates), Ids(dates), dates.Select(d => d.Row.Param).ToArray(), dates.Select(d => Utc(d.Row.Low)).ToArray(),
                dates.Select(d => Utc(d.Row.High)).ToArray(), Requires(dates, d => d.Requires));

        var positions = Flatten(rows, r => r.Positions);
        if (positions.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {schema}.fhir_search_position (resource_type, id, param, latitude, longitude, requires) " +
                "select * from unnest(?::text[], ?::text[], ?::text[], ?::double precision[], ?::double precision[], ?::integer[])",
                Types(positions), Ids(positions), positions.Select(p => p.Row.Param).ToArray(), positions.Select(p => p.Row.Latitude).ToArray(),
                positions.Select(p => p.Row.Longitude).ToArray(), Requires(positions, p => p.Requires));

        var texts = Flatten(rows, r => r.Texts);
        if (texts.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {schema}.fhir_search_text (resource_type, id, document, requires) " +
                "select r.resource_type, r.id, to_tsvector('french', r.words), r.requires " +
                "from unnest(?::text[], ?::text[], ?::text[], ?::integer[]) as r(resource_type, id, words, requires)",
                Types(texts), Ids(texts), texts.Select(t => t.Row.Words).ToArray(), Requires(texts, t => t.Requires));
    }

    private const string TokenTable = "fhir_search_token";

    /// <summary>The rows of a three-text-column table (token, string, reference) as the values of <see cref="ThreeTextValues"/> give them.</summary>
    private const string ThreeTextRows = "select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[])";

    /// <summary>The three-text-column tables: string and reference (the tokens are written with their tag counts).</summary>
    private static void Insert<TRow>(
        IDocumentOperations operations, string schema, string table, string columns, IReadOnlyList<SearchIndexRows> rows,
        Func<SearchIndexRows, List<TRow>> select, Func<TRow, string> first, Func<TRow, string?> second, Func<TRow, string> third,
        Func<TRow, DataClass> requires)
    {
        var flat = Flatten(rows, select);
        if (flat.Count == 0) return;
        operations.QueueSqlCommand($"insert into {schema}.fhir_search_{table} (resource_type, id, {columns}, requires) {ThreeTextRows}",
            ThreeTextValues(flat, first, second, third, requires));
    }

    private static object[] ThreeTextValues<TRow>(
        List<(SearchIndexRows Owner, TRow Row)> flat, Func<TRow, string> first, Func<TRow, string?> second, Func<TRow, string> third, Func<TRow, DataClass> requires) =>
        [Types(flat), Ids(flat), flat.Select(f => first(f.Row)).ToArray(), flat.Select(f => second(f.Row)).ToArray(),
         flat.Select(f => third(f.Row)).ToArray(), Requires(flat, requires)];

    /// <summary>timestamptz parameters travel as DateTimeOffset at offset zero.</summary>
    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);

    private static List<(SearchIndexRows Owner, TRow Row)> Flatten<TRow>(IReadOnlyList<SearchIndexRows> rows, Func<SearchIndexRows, List<TRow>> select) =>
        rows.SelectMany(owner => select(owner).Select(row => (owner, row))).ToList();

    private static string[] Types<TRow>(List<(SearchIndexRows Owner, TRow Row)> rows) => rows.Select(r => r.Owner.ResourceType).ToArray();

    private static string[] Ids<TRow>(List<(SearchIndexRows Owner, TRow Row)> rows) => rows.Select(r => r.Owner.Id).ToArray();

    private static int[] Requires<TRow>(List<(SearchIndexRows Owner, TRow Row)> rows, Func<TRow, DataClass> requires) =>
        rows.Select(r => (int)requires(r.Row)).ToArray();
}
