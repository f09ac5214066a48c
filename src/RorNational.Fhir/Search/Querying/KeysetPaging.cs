using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// Keyset pages: the columns a search is sorted on (the id last), and the condition that
/// starts a page after (or, going back, before) a cursor's keys. A cursor whose keys do not
/// fit the search is refused (400).
/// </summary>
internal static class KeysetPaging
{
    /// <summary>The sort columns, the id last as the tie-breaker that makes keyset paging exact.</summary>
    /// <param name="priceSort">The column of a sort on price validity (<see cref="PriceSort"/>), for the caller's profile.</param>
    public static List<SortColumn> SortColumns(SearchRequest request, PriceSort priceSort)
    {
        var columns = request.Sort.Where(k => k.Field != SortField.Id).Select(k => k.Field switch
        {
            SortField.LastUpdated => new SortColumn("r.last_updated", k.Descending, SortColumn.Instant),
            SortField.PriceValidityStart => new SortColumn(priceSort.Column(k, request.ResourceType, "r"), k.Descending, SortColumn.Instant),
            _ => new SortColumn("r.sort_name", k.Descending, SortColumn.Text),
        }).ToList();
        var idDescending = request.Sort.FirstOrDefault(k => k.Field == SortField.Id)?.Descending
            ?? (columns.Count > 0 && columns[^1].Descending);
        columns.Add(new SortColumn("r.id", idDescending, SortColumn.Text));
        return columns;
    }

    /// <summary>(k1, k2, id) after the cursor, each in its own direction, as nested or/and.</summary>
    public static string Condition(SqlQuery query, List<SortColumn> keys, PageCursor cursor, bool backward)
    {
        var values = cursor.Keys.Append(cursor.Id).ToList();
        if (values.Count != keys.Count)
            throw NotThisSearch();
        string Condition(int i)
        {
            var key = keys[i];
            var value = key.Parameter(query, values[i]);
            var inclusive = cursor.Inclusive && i == keys.Count - 1 ? "=" : "";
            var comparison = $"{key.Column} {((key.Descending ^ backward) ? "<" : ">")}{inclusive} {value}";
            return i == keys.Count - 1 ? comparison : $"({comparison} or ({key.Column} = {value} and {Condition(i + 1)}))";
        }
        return Condition(0);
    }

    private static Exception NotThisSearch() =>
        ValueParser.Invalid(PageCursor.ParameterName, "does not belong to this search: follow the Bundle's links as given");

    public sealed record SortColumn(string Column, bool Descending, string Kind)
    {
        public const string Text = "text";
        public const string Instant = "instant";

        public string? Read(NpgsqlDataReader reader, int ordinal) => Kind == Instant
            ? reader.GetFieldValue<DateTimeOffset>(ordinal).ToString("O", CultureInfo.InvariantCulture)
            : reader.GetString(ordinal);

        public string Parameter(SqlQuery query, string? value)
        {
            if (Kind == Text) return query.Add(value ?? "", NpgsqlDbType.Text);
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                throw NotThisSearch();
            return query.Add(instant.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
    }
}
