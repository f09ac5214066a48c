using RorNational.Fhir.Ror;

namespace RorNational.Offer.Capacity.Protocol;

/// <summary>The FHIRPath expressions the national protocol's OperationOutcomes point at.</summary>
public static class CapacityExpressions
{
    private static readonly string Url = RorCanonical.Extensions.LocationSupportedCapacity;

    /// <summary>Where a missing indicator is looked for: the 404 that tells the supplier to send add.</summary>
    public static readonly string Collection = $"Location.extension.where(url='{Url}')";

    /// <summary>The capacity record as a whole.</summary>
    public static readonly string Extension = $"Location.extension('{Url}')";

    public const string Location = "Location";

    public static string SubExtension(string url) => $"{Extension}.extension('{url}')";

    /// <summary>A part of the Parameters body: "Parameters.parameter[0].part[2]".</summary>
    public static string Part(int parameter, int? part = null) =>
        part is null ? $"Parameters.parameter[{parameter}]" : $"Parameters.parameter[{parameter}].part[{part}]";
}
