using Hl7.Fhir.Model;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>A MeasureReport as computed for one caller, with what a search selects it by.</summary>
public sealed record AvailabilityReport(string Regroupement, ReportTerritory Territory, DateTimeOffset ComputedAt, MeasureReport Resource)
{
    public string Id => Resource.Id!;
}
