namespace RorNational.Fhir.Search.Querying;

public sealed partial class CriterionSql
{
    /// <summary>
    /// Equipment criteria on one equipment and one of its limits: one equipment index row,
    /// visible to the caller, on which every criterion holds. ":missing=true" on the type says
    /// the Location has no equipment, and holds only where the caller may know what it lacks;
    /// on a feature or a limit value it says the equipment has no limit.
    /// </summary>
    private string Equipment(SameEquipment same, string alias)
    {
        var conditions = new List<string>();
        var none = false;
        foreach (var criterion in same.Criteria)
        {
            var (column, system) = SameEquipment.Parameters[criterion.Parameter.Code];
            if (criterion.Values is [MissingValue missing])
            {
                if (missing.Missing && column == "equipment_type") none = true;
                else conditions.Add($"{{0}}.{column} is {(missing.Missing ? "" : "not ")}null");
                continue;
            }
            conditions.Add("(" + string.Join(" or ", criterion.Values.Select(value => value switch
            {
                TokenValue token => TokenOn(token, column, system),
                NumberValue number => NumberCondition(number, "{0}", "{0}.value"),
                _ => "false",
            })) + ")");
        }
        var parts = new List<string>();
        if (conditions.Count > 0 || !none)
        {
            var e = NextAlias("e");
            var all = string.Join(" and ", conditions.Select(condition => condition.Replace("{0}", e)));
            parts.Add($"exists (select 1 from {schema}.fhir_search_equipment {e} where {e}.resource_type = 'Location' and {e}.id = {alias}.id " +
                      $"and {Visible(e)}{(all.Length > 0 ? " and " + all : "")})");
        }
        if (none)
        {
            var n = NextAlias("e");
            parts.Add($"(not exists (select 1 from {schema}.fhir_search_equipment {n} where {n}.resource_type = 'Location' and {n}.id = {alias}.id) " +
                      $"and {ContentVisible("Location", alias)})");
        }
        return "(" + string.Join(" and ", parts) + ")";
    }
}
