namespace RorNational.Fhir.Search.Querying;

public sealed partial class CriterionSql
{
    /// <summary>
    /// Equipment criteria on one equipment and its limits: one equipment index row, visible to
    /// the caller, on which the type holds. With one feature criterion or none, the limit's
    /// criteria hold on that row too (one limit); with several, each feature criterion holds on
    /// a row of the same equipment, and each limit value on such a row whose feature is asked
    /// for (<see cref="SameEquipment.LimitValues"/>). ":missing=true" on the type says the
    /// Location has no equipment, and holds only where the caller may know what it lacks; on a
    /// feature or a limit value it says the equipment has no limit.
    /// </summary>
    private string Equipment(SameEquipment same, string alias)
    {
        var none = same.OfEquipment.Any(c => c.Values is [MissingValue { Missing: true }]);
        var ofEquipment = same.OfEquipment.Where(c => c.Values is not [MissingValue { Missing: true }]).ToList();
        var parts = new List<string>();
        if (ofEquipment.Count > 0 || same.Features.Count > 0 || same.LimitValues.Count > 0 || !none)
        {
            var e = NextAlias("e");
            var conditions = same.Features.Count <= 1
                ? EquipmentConditions([.. ofEquipment, .. same.Features, .. same.LimitValues], e)
                : EquipmentConditions(ofEquipment, e)
                    .Concat(same.Features.Select(feature => SameEquipmentRow(e, EquipmentConditions([feature], "{1}"))))
                    .Concat(same.LimitValues.Select(value => SameEquipmentRow(e, EquipmentConditions([value], "{1}")
                        .Append("(" + string.Join(" or ", same.Features.SelectMany(f => EquipmentConditions([f], "{1}"))) + ")").ToList())))
                    .ToList();
            parts.Add($"exists (select 1 from {schema}.fhir_search_equipment {e} where {e}.resource_type = 'Location' and {e}.id = {alias}.id " +
                      $"and {Visible(e)}{string.Concat(conditions.Select(c => " and " + c))})");
        }
        if (none)
        {
            var n = NextAlias("e");
            parts.Add($"(not exists (select 1 from {schema}.fhir_search_equipment {n} where {n}.resource_type = 'Location' and {n}.id = {alias}.id) " +
                      $"and {ContentVisible("Location", alias)})");
        }
        return "(" + string.Join(" and ", parts) + ")";
    }

    /// <summary>Another row of the equipment of row <paramref name="e"/> on which the conditions (written on "{1}") hold.</summary>
    private string SameEquipmentRow(string e, IReadOnlyList<string> conditions)
    {
        var l = NextAlias("e");
        return $"exists (select 1 from {schema}.fhir_search_equipment {l} where {l}.resource_type = 'Location' and {l}.id = {e}.id " +
               $"and {l}.equipment = {e}.equipment and {string.Join(" and ", conditions).Replace("{1}", l)})";
    }

    /// <summary>The conditions of equipment criteria on one row of the equipment index.</summary>
    private List<string> EquipmentConditions(IEnumerable<ParameterCriterion> criteria, string row)
    {
        var conditions = new List<string>();
        foreach (var criterion in criteria)
        {
            var (column, system) = SameEquipment.Parameters[criterion.Parameter.Code];
            if (criterion.Values is [MissingValue missing])
            {
                conditions.Add($"{row}.{column} is {(missing.Missing ? "" : "not ")}null");
                continue;
            }
            conditions.Add("(" + string.Join(" or ", criterion.Values.Select(value => value switch
            {
                TokenValue token => TokenOn(token, column, system),
                NumberValue number => NumberCondition(number, "{0}", "{0}.value"),
                _ => "false",
            })).Replace("{0}", row) + ")");
        }
        return conditions;
    }
}
