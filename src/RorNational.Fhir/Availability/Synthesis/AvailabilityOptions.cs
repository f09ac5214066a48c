using System.ComponentModel.DataAnnotations;

namespace RorNational.Fhir.Availability.Synthesis;

/// <summary>The configuration section "Availability" (appsettings.json).</summary>
public sealed class AvailabilityOptions : IValidatableObject
{
    public const string Section = "Availability";

    /// <summary>
    /// Past this age, a unit's last capacityUpdateDate makes it stale: counted apart, never in
    /// the fresh totals (as a unit that never supplied). "1.00:00:00" (24 h) by default.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(24);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StaleAfter <= TimeSpan.Zero) yield return new ValidationResult($"{Section}:StaleAfter must be positive", [nameof(StaleAfter)]);
    }
}
