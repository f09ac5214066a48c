using Hl7.Fhir.Model;

namespace RorNational.Fhir.Search.Definitions;

/// <summary>
/// One supported search parameter, read from its SearchParameter resource in fhir-profiles/.
/// <see cref="Json"/> is the resource as published at /fhir/SearchParameter/{id}.
/// </summary>
public sealed record SearchParameterDefinition(
    string Id,
    string Url,
    string Code,
    IReadOnlyList<string> Bases,
    SearchParamType Type,
    string? Expression,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Modifiers,
    IReadOnlyList<string> Comparators,
    string? Description,
    string Json)
{
    /// <summary>Resource-level parameters (_id, _lastUpdated, _tag...) apply to every resource type.</summary>
    public bool AppliesTo(string resourceType) =>
        Bases.Contains(resourceType) || Bases.Contains("Resource") || Bases.Contains("DomainResource");

    public bool Allows(string modifier) => Modifiers.Contains(modifier);

    /// <summary>
    /// The expression as FHIRPath evaluates it on a resource of this type: "Resource.meta.tag"
    /// is written for every type, FHIRPath wants the actual type as root.
    /// </summary>
    public string? ExpressionFor(string resourceType) => Expression switch
    {
        null => null,
        _ when Expression.StartsWith("Resource.", StringComparison.Ordinal) => resourceType + Expression["Resource".Length..],
        _ when Expression.StartsWith("DomainResource.", StringComparison.Ordinal) => resourceType + Expression["DomainResource".Length..],
        _ => Expression,
    };
}
