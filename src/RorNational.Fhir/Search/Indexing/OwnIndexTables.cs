using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The parameters searched in an index table of their own, whose criteria hold on one row:
/// a Location's capacity (<see cref="SameIndicator"/>) and equipment (<see cref="SameEquipment"/>),
/// an Organization's prices (<see cref="SamePrice"/>). The generic index tables hold no row of
/// them: no search would read it.
/// </summary>
public static class OwnIndexTables
{
    public static bool Index(string resourceType, string parameterCode) => resourceType switch
    {
        "Location" => SameIndicator.Parameters.ContainsKey(parameterCode) || SameEquipment.Parameters.ContainsKey(parameterCode),
        "Organization" => SamePrice.Parameters.ContainsKey(parameterCode),
        _ => false,
    };
}
