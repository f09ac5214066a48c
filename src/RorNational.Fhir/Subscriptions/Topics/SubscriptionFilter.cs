using RorNational.Domain.Common;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Subscriptions.Topics;

/// <summary>
/// What one Subscription's filters keep: each given criterion must hold (AND); a repeated
/// parameter or a comma list is an OR of its values. Région and département are those of the
/// EG (its address' commune, as the resources' TRE-R30 tag and the availability synthesis use);
/// the EG is its FINESS; the regroupement that of the lieu (capacity only).
/// </summary>
public sealed class SubscriptionFilter
{
    public List<string> Regions { get; set; } = [];
    public List<string> PostalCodePrefixes { get; set; } = [];
    public List<string> EGFiness { get; set; } = [];
    public List<string> Regroupements { get; set; } = [];

    public bool Keeps(ChangeFacts facts) =>
        (Regions.Count == 0 || (facts.Region is { } r && Regions.Contains(r)))
        && (PostalCodePrefixes.Count == 0 || (facts.PostalCode is { } p && PostalCodePrefixes.Any(prefix => p.StartsWith(prefix, StringComparison.Ordinal))))
        && (EGFiness.Count == 0 || (facts.EGFiness is { } eg && EGFiness.Contains(eg)))
        && (Regroupements.Count == 0 || (facts.Regroupement is { } g && Regroupements.Contains(g)));
}

/// <summary>Where a change happened, as the filters see it; null where it is not known (an EJ has no région).</summary>
public sealed record ChangeFacts(string? Region, string? PostalCode, string? EGFiness, string? Regroupement);
