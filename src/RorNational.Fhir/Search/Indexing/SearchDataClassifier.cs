using Hl7.Fhir.Model;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>Which data classes the values a parameter extracts from a resource belong to.</summary>
public static class SearchDataClassifier
{
    /// <summary>Parameters that only reveal a resource's id and metadata, visible even for a sensitive unit.</summary>
    private static readonly HashSet<string> MetadataParameters = ["_id", "_lastUpdated", "_tag", "_profile"];

    /// <param name="sensitiveUnit">Whether the resource is an offer flagged sensitive-unit (<see cref="IsSensitiveUnit"/>).</param>
    public static SearchDataClass Classify(string parameter, bool sensitiveUnit) =>
        ClassOf(parameter) | (sensitiveUnit && !MetadataParameters.Contains(parameter)
            ? SearchDataClass.SensitiveUnit
            : SearchDataClass.None);

    /// <summary>The classes of a parameter by what it reads, whatever the resource.</summary>
    public static SearchDataClass ClassOf(string parameter) => parameter switch
    {
        "crisis-type" or "additional-bed-type" => SearchDataClass.Capacity | SearchDataClass.SupplementaryCapacity,
        "drop-zone" => SearchDataClass.Crisis,
        _ when parameter.Contains("capacity", StringComparison.Ordinal)
            || parameter is "temporary-assignement" or "residential-number" or "residential-type" => SearchDataClass.Capacity,
        _ when parameter.StartsWith("equipment", StringComparison.Ordinal) || parameter == "limit-value" => SearchDataClass.Equipment,
        "specific-competence" => SearchDataClass.SpecificCompetence,
        _ => SearchDataClass.None,
    };

    public static bool IsSensitiveUnit(Resource resource) =>
        resource is HealthcareService service
        && service.GetExtensionValue<FhirBoolean>(RorCanonical.Extensions.SensitiveUnit)?.Value == true;
}
