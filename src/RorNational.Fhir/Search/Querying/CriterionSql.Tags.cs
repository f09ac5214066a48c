using RorNational.Fhir.Search.Indexing.Tags;

namespace RorNational.Fhir.Search.Querying;

public sealed partial class CriterionSql
{
    /// <summary>
    /// The exact count of a search made of one _tag alone, its system and code given
    /// (Location?_tag=https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM|11),
    /// read from the counts the index keeps (<see cref="TagCounts"/>): the resources of the type
    /// whose rows of that tag hold a mask the caller may see, as the token lookup keeps them.
    /// Null for any other search: a code without its system may be carried in several systems by
    /// one resource, which the counts by system would count twice.
    /// </summary>
    public string? KeptTagCount(IReadOnlyList<Criterion> grouped, string resourceType)
    {
        if (grouped is not [ParameterCriterion { Parameter.Code: "_tag", Modifier: null, Values: [TokenValue { System: { } system, Code: { } code, NoSystem: false }] }])
            return null;
        var n = NextAlias("n");
        var m = NextAlias("m");
        return $"select coalesce(sum({n}.resources), 0)::bigint from {schema}.{TagCounts.Table} {n} where {n}.resource_type = {Text(resourceType)} " +
               $"and {n}.code = {Text(code)} and {n}.system = {Text(system)} " +
               $"and exists (select 1 from unnest({n}.signature) {m}(requires) where {Visible(m)})";
    }
}
