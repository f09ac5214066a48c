using Hl7.Fhir.Model;
using RorNational.Domain.Capacity;
using C = RorNational.Fhir.Ror.CapacityCodes;

namespace RorNational.Fhir.Ror;

/// <summary>
/// One capacity indicator as a ror-location-supported-capacity extension of a Location, shaped
/// like the guide's ror-location-exemple-1: count and source date first, then the coded
/// sub-extensions as CodeableConcepts with their NOS system and label, in the example's order.
/// </summary>
public static class CapacityExtension
{
    public static Extension Of(CapacityIndicator indicator)
    {
        var key = indicator.Key;
        var extension = new Extension { Url = RorCanonical.Extensions.LocationSupportedCapacity };
        extension.Extension.Add(new Extension(C.Count, new Integer(indicator.Count)));
        extension.Extension.Add(new Extension(C.UpdateDate, new FhirDateTime(Instant(indicator.SourceDate))));
        Add(extension, C.CapacityStatus, key.Status);
        Add(extension, C.CapacityType, indicator.CapacityType);
        Add(extension, C.Temporality, key.Temporality);
        Add(extension, C.SourceType, indicator.SourceType);
        Add(extension, C.Gender, key.Gender);
        Add(extension, C.ClosingType, key.ClosingType);
        Add(extension, C.AdditionalBedType, key.AdditionalBedType);
        Add(extension, C.CrisisType, key.CrisisType);
        Add(extension, C.TemporaryAssignment, key.TemporaryAssignment);
        if (indicator.Comment is { } comment) extension.Extension.Add(new Extension(C.Comment, new FhirString(comment)));
        return extension;
    }

    /// <summary>The source date as the supplier's clock gave it: "Z" for UTC, its offset otherwise, fractions only when there are.</summary>
    public static string Instant(DateTimeOffset date) => date.Offset == TimeSpan.Zero
        ? date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);

    private static void Add(Extension extension, string url, string? code)
    {
        if (code is null) return;
        var (system, labels) = C.Coded[url];
        extension.Extension.Add(new Extension(url, RorDatatypes.Coded(system, code, labels.GetValueOrDefault(code))));
    }
}
