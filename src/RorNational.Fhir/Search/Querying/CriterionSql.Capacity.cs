using NpgsqlTypes;

namespace RorNational.Fhir.Search.Querying;

public sealed partial class CriterionSql
{
    /// <summary>
    /// Capacity criteria on one indicator: one capacity index row, visible to the caller, on
    /// which every criterion holds. ":missing=true" on a sub-extension every indicator has
    /// (status, type, temporality, count, update date, temporary assignment) says the Location
    /// has no indicator at all, and holds only where the caller may know what it lacks; on an
    /// optional one (gender, closing type, additional bed type, crisis type) it says the
    /// indicator lacks it.
    /// </summary>
    private string Capacity(SameIndicator same, string alias)
    {
        var conditions = new List<string>();
        var none = false;
        foreach (var criterion in same.Criteria)
        {
            var (column, system, alwaysPresent) = SameIndicator.Parameters[criterion.Parameter.Code];
            if (criterion.Values is [MissingValue missing])
            {
                if (missing.Missing && alwaysPresent) none = true;
                else conditions.Add($"{{0}}.{column} is {(missing.Missing ? "" : "not ")}null");
                continue;
            }
            conditions.Add("(" + string.Join(" or ", criterion.Values.Select(value => value switch
            {
                TokenValue token => TokenOn(token, column, system),
                NumberValue number => NumberCondition(number, "{0}", "{0}." + column, integerColumn: column == "nb_capacity"),
                DateValue date => DateCondition(date, "{0}.update_low", "{0}.update_high"),
                _ => "false",
            })) + ")");
        }
        var parts = new List<string>();
        if (conditions.Count > 0 || !none)
        {
            var c = NextAlias("c");
            var all = string.Join(" and ", conditions.Select(condition => condition.Replace("{0}", c)));
            parts.Add($"exists (select 1 from {schema}.fhir_search_capacity {c} where {c}.resource_type = 'Location' and {c}.id = {alias}.id " +
                      $"and {Visible(c)}{(all.Length > 0 ? " and " + all : "")})");
        }
        if (none)
        {
            var n = NextAlias("c");
            parts.Add($"(not exists (select 1 from {schema}.fhir_search_capacity {n} where {n}.resource_type = 'Location' and {n}.id = {alias}.id) " +
                      $"and {ContentVisible("Location", alias)})");
        }
        return "(" + string.Join(" and ", parts) + ")";
    }

    /// <summary>A token on a capacity column: the codes of the column's own system only (an indicator's codes always have it).</summary>
    private string TokenOn(TokenValue token, string column, string? system) => (token.System, token.Code, token.NoSystem) switch
    {
        (_, _, true) => "false",
        (null, { } code, _) => $"{{0}}.{column} = {Text(code)}",
        ({ } s, null, _) => s == system ? $"{{0}}.{column} is not null" : "false",
        ({ } s, { } code, _) => s == system ? $"{{0}}.{column} = {Text(code)}" : "false",
        _ => "false",
    };
}
