using NpgsqlTypes;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// The SQL that reads one type's resources for an export, in the table's order: id, JSON, class sets,
/// retired. Without <c>_since</c>, the published resources; with it, those changed since,
/// retired ones included (listed as deleted). For an establishment, those of its streams, and
/// the professionals its roles name. With <c>_typeFilter</c>, those any filter of the type
/// matches, through the search index, as the profile may search. Values travel as parameters.
/// </summary>
public sealed class TypeQuery(ExportTables tables, string type, ExportSelection selection, string[]? streams,
    IReadOnlyList<SearchRequest> filters, AccessProfile profile, SearchEngine search)
{
    private const string D = "d";

    public SqlQuery Build()
    {
        var query = new SqlQuery().Append(
            $"select {D}.id, {D}.data ->> 'Json', CAST({D}.data -> 'ClassSets' as text), coalesce(CAST({D}.data ->> 'Retired' as boolean), false) " +
            $"from {tables.OfResources(type)} {D} where true");
        if (selection.Since is { } since)
            query.Append($" and {tables.Schema}.mt_immutable_timestamptz({D}.data ->> 'LastUpdated') >= {query.Add(since.UtcDateTime, NpgsqlDbType.TimestampTz)}");
        else
            query.Append($" and not coalesce(CAST({D}.data ->> 'Retired' as boolean), false)");
        if (streams is not null) Scope(query, streams);
        if (filters.Count > 0)
        {
            query.Append(" and (false");
            foreach (var filter in filters)
            {
                query.Append($" or {D}.id in (");
                search.AppendMatchingIds(query, filter, profile);
                query.Append(")");
            }
            query.Append(")");
        }
        // No order: sorting rows this wide spills to disk (144 MB for 16,000 Locations), and a file's order is not a contract.
        return query;
    }

    private void Scope(SqlQuery query, string[] streams)
    {
        var parameter = query.Add(streams, NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (type != "Practitioner")
        {
            query.Append($" and ({D}.data ->> 'SourceStream') = any({parameter})");
            return;
        }
        // Professionals have streams of their own: those the establishment's roles name.
        query.Append($" and ('Practitioner/' || {D}.id) in (select CAST(r.data ->> 'Json' as jsonb) -> 'practitioner' ->> 'reference' " +
            $"from {tables.OfResources("PractitionerRole")} r where (r.data ->> 'SourceStream') = any({parameter}) " +
            "and not coalesce(CAST(r.data ->> 'Retired' as boolean), false))");
    }
}
