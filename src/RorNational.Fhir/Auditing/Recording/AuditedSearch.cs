using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Auditing.Recording;

/// <summary>
/// A search as the audit sees it: every resource of the page, matches and includes alike, and
/// whether a criterion searched data the public profile may never search on (a capacity,
/// an equipment, a specific competence...; <see cref="ParameterClasses"/>). Such a search tells
/// something above the public level even when it returns only a count (<c>_summary=count</c>)
/// or public resources: it is recorded.
/// </summary>
public static class AuditedSearch
{
    public static AuditedRead Of(SearchRequest search, SearchResult result, AccessProfile caller, AccessProfile publicProfile, string rawQuery) => new(
        AuditedRead.SearchType, search.ResourceType,
        result.Matches.Concat(result.Includes).Select(r => new ReturnedResource(r.Type, r.Id, r.Version, r.ClassSets)).ToList(),
        search.Criteria.SelectMany(ParametersOf).Any(code => AbovePublic(ParameterClasses.Of(code), caller, publicProfile)),
        rawQuery);

    private static bool AbovePublic(DataClass classes, AccessProfile caller, AccessProfile publicProfile) =>
        classes != DataClass.None && publicProfile.Hides(classes) && !caller.Hides(classes);

    private static IEnumerable<string> ParametersOf(Criterion criterion) => criterion switch
    {
        ParameterCriterion parameter => [parameter.Parameter.Code],
        ChainCriterion chain => ParametersOf(chain.Target),
        HasCriterion has => ParametersOf(has.Source),
        AllOf all => all.Criteria.SelectMany(ParametersOf),
        AnyOf any => any.Criteria.SelectMany(ParametersOf),
        Not not => ParametersOf(not.Criterion),
        _ => [],
    };
}
