namespace RorNational.Fhir.Access;

/// <summary>
/// The data classes every value of a search parameter has, whatever the resource: a profile
/// that hides them can never match on the parameter, so the CapabilityStatement it reads
/// does not offer it. (Which values a query may match is decided per row, in the index.)
/// </summary>
public static class ParameterClasses
{
    public static DataClass Of(string parameter) => parameter switch
    {
        "crisis-type" or "additional-bed-type" => DataClass.Capacity | DataClass.SupplementaryCapacity,
        "drop-zone" => DataClass.CrisisManagement,
        _ when parameter.Contains("capacity", StringComparison.Ordinal)
            || parameter is "temporary-assignement" or "residential-number" or "residential-type" => DataClass.Capacity,
        _ when parameter.StartsWith("equipment", StringComparison.Ordinal) || parameter == "limit-value" => DataClass.Equipment,
        "specific-competence" => DataClass.SpecificCompetence,
        _ => DataClass.None,
    };
}
