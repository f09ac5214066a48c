using NpgsqlTypes;
using RorNational.Fhir.Search.Indexing.Capacity;

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
        var (conditions, none) = IndicatorConditions(same);
        var parts = new List<string>();
        if (conditions.Count > 0 || !none)
        {
            var c = NextAlias("c");
            parts.Add($"exists (select 1 from {schema}.fhir_search_capacity {c} where {c}.resource_type = 'Location' and {c}.id = {alias}.id " +
                      $"and {IndicatorRow(c, conditions)})");
        }
        if (none)
        {
            var n = NextAlias("c");
            parts.Add($"(not exists (select 1 from {schema}.fhir_search_capacity {n} where {n}.resource_type = 'Location' and {n}.id = {alias}.id) " +
                      $"and {ContentVisible("Location", alias)})");
        }
        return "(" + string.Join(" and ", parts) + ")";
    }

    /// <summary>
    /// The Locations with a visible indicator on which every criterion holds, read from the
    /// capacity index alone (its rows exist only for published Locations): what a chain
    /// (HealthcareService?location.capacity-status=02&amp;location.nb-capacity=gt0) joins its
    /// references to, without a detour through the resource table. Null when a criterion asks
    /// for Locations without any indicator (":missing=true"), which only the resource table knows.
    /// </summary>
    private string? CapacityIds(SameIndicator same)
    {
        var (conditions, none) = IndicatorConditions(same);
        if (none) return null;
        var c = NextAlias("c");
        return $"select {c}.id from {schema}.fhir_search_capacity {c} where {c}.resource_type = 'Location' and {IndicatorRow(c, conditions)}";
    }

    /// <summary>
    /// The HealthcareServices whose location has a visible indicator on which every criterion holds,
    /// read from fhir_search_service_capacity alone (ServiceCapacityRows): the guide's capacity search
    /// of the offer as one index range. The reference must be visible too, as in the chain it
    /// replaces. Null for any other chain, and for Locations without any indicator (":missing=true").
    /// </summary>
    private string? ServiceCapacityIds(ChainCriterion chain, string resourceType, SameIndicator same)
    {
        if (!ServiceCapacityRows.Covers(resourceType, chain.Reference.Code, chain.TargetType) || chain.Hierarchy) return null;
        var (conditions, none) = IndicatorConditions(same);
        if (none) return null;
        var s = NextAlias("s");
        return $"select {s}.id from {schema}.fhir_search_service_capacity {s} where {s}.resource_type = 'HealthcareService' " +
               $"and {Visible(s, "reference_requires")} and {IndicatorRow(s, conditions)}";
    }

    /// <summary>
    /// The exact count of a search made of the guide's national capacity search alone
    /// (HealthcareService?location.capacity-status=code&amp;location.nb-capacity=gt0), read from the
    /// counts the index keeps (<see cref="ServiceCapacityCounts"/>): the services of that status whose
    /// rows hold a pair of masks the caller may see, as <see cref="ServiceCapacityIds"/> keeps them.
    /// Null for any other search.
    /// </summary>
    public string? KeptServiceCount(IReadOnlyList<Criterion> grouped, string resourceType)
    {
        if (grouped is not [ChainCriterion { Target: SameIndicator same, Hierarchy: false } chain]
            || !ServiceCapacityRows.Covers(resourceType, chain.Reference.Code, chain.TargetType)
            || KeptStatus(same) is not { } status) return null;
        var n = NextAlias("n");
        var v = NextAlias("v");
        return $"select coalesce(sum({n}.services), 0)::bigint from {schema}.{ServiceCapacityCounts.Table} {n} where {n}.status = {Text(status)} " +
               $"and exists (select 1 from unnest({n}.signature) p(pair) cross join lateral ({ServiceCapacityCounts.Masks("p.pair")}) {v} " +
               $"where {Visible(v)} and {Visible(v, "reference_requires")})";
    }

    /// <summary>The status of "capacity-status=code&amp;nb-capacity=gt0", nothing else: the one shape whose count is kept.</summary>
    private static string? KeptStatus(SameIndicator same)
    {
        if (same.Criteria.Count != 2 || same.Criteria.Any(c => c.Modifier is not null || c.Values.Count != 1)) return null;
        var status = same.Criteria.SingleOrDefault(c => c.Parameter.Code == "capacity-status")?.Values[0];
        var count = same.Criteria.SingleOrDefault(c => c.Parameter.Code == "nb-capacity")?.Values[0];
        var system = SameIndicator.Parameters["capacity-status"].System;
        return (status, count) switch
        {
            (TokenValue { Code: { } code, NoSystem: false } token, NumberValue { Prefix: SearchPrefix.Gt, Value: 0, System: null, Code: null })
                when token.System is null || token.System == system => code,
            _ => null,
        };
    }

    private string IndicatorRow(string c, List<string> conditions) =>
        Visible(c) + string.Concat(conditions.Select(condition => " and " + condition.Replace("{0}", c)));

    /// <summary>The conditions on one indicator row ("{0}" for its alias), and whether a criterion asks for no indicator at all.</summary>
    private (List<string> Conditions, bool None) IndicatorConditions(SameIndicator same)
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
        return (conditions, none);
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
