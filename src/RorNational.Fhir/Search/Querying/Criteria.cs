using RorNational.Fhir.Search.Definitions;

namespace RorNational.Fhir.Search.Querying;

/// <summary>A search condition on resources of one type; its SQL is written by <see cref="CriterionSql"/>.</summary>
public abstract record Criterion;

/// <summary>
/// One parameter with its modifier; its values are alternatives (comma: OR).
/// <see cref="Modifier"/> is null, "exact", "contains" or "missing".
/// </summary>
public sealed record ParameterCriterion(SearchParameterDefinition Parameter, string? Modifier, IReadOnlyList<SearchValue> Values) : Criterion;

/// <summary>
/// A chained parameter: resources whose reference <see cref="Reference"/> points to a
/// <see cref="TargetType"/> resource matching <see cref="Target"/>. With <see cref="Hierarchy"/>
/// (the guide's :above on organization), the target may also be any organization below a
/// matching one, through partOf.
/// </summary>
public sealed record ChainCriterion(SearchParameterDefinition Reference, string TargetType, Criterion Target, bool Hierarchy) : Criterion;

/// <summary>_has: resources that a <see cref="SourceType"/> resource matching <see cref="Source"/> references through <see cref="Reference"/>.</summary>
public sealed record HasCriterion(string SourceType, SearchParameterDefinition Reference, Criterion Source) : Criterion;

public sealed record AllOf(IReadOnlyList<Criterion> Criteria) : Criterion;

public sealed record AnyOf(IReadOnlyList<Criterion> Criteria) : Criterion;

public sealed record Not(Criterion Criterion) : Criterion;
