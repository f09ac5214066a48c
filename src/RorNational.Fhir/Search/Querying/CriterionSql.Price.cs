namespace RorNational.Fhir.Search.Querying;

public sealed partial class CriterionSql
{
    /// <summary>
    /// Price criteria on one price: one price index row, visible to the caller, on which every
    /// criterion holds. ":missing=true" on the type or amount (every price has them) says the
    /// Organization has no price, and holds only where the caller may know what it lacks; on an
    /// optional part (unit aside, validity, residential type...) it says the price lacks it.
    /// </summary>
    private string Price(SamePrice same, string alias)
    {
        var conditions = new List<string>();
        var none = false;
        foreach (var criterion in same.Criteria)
        {
            var (column, system) = SamePrice.Parameters[criterion.Parameter.Code];
            if (criterion.Values is [MissingValue missing])
            {
                if (missing.Missing && column is "price_type" or "unit" or "amount") none = true;
                else conditions.Add($"{{0}}.{column} is {(missing.Missing ? "" : "not ")}null");
                continue;
            }
            conditions.Add("(" + string.Join(" or ", criterion.Values.Select(value => value switch
            {
                TokenValue token => TokenOn(token, column, system),
                NumberValue number => NumberCondition(number, "{0}", "{0}." + column),
                DateValue date => DateCondition(date, "{0}.start_low", "{0}.start_high"),
                _ => "false",
            })) + ")");
        }
        var parts = new List<string>();
        if (conditions.Count > 0 || !none)
        {
            var p = NextAlias("p");
            var all = string.Join(" and ", conditions.Select(condition => condition.Replace("{0}", p)));
            parts.Add($"exists (select 1 from {schema}.fhir_search_price {p} where {p}.resource_type = 'Organization' and {p}.id = {alias}.id " +
                      $"and {Visible(p)}{(all.Length > 0 ? " and " + all : "")})");
        }
        if (none)
        {
            var n = NextAlias("p");
            parts.Add($"(not exists (select 1 from {schema}.fhir_search_price {n} where {n}.resource_type = 'Organization' and {n}.id = {alias}.id) " +
                      $"and {ContentVisible("Organization", alias)})");
        }
        return "(" + string.Join(" and ", parts) + ")";
    }
}
