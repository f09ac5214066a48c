namespace RorNational.Fhir.Subscriptions.Topics;

/// <summary>
/// The change topics a client may subscribe to (Subscriptions R5 Backport IG on R4: the topic is
/// the Subscription's <c>criteria</c>, its filters the backport-filter-criteria extensions on it).
/// Each topic names the resource type its filters are written on and the filter parameters it takes.
/// </summary>
public sealed record SubscriptionTopic(string Code, string ResourceType, string Title, IReadOnlyList<string> FilterParameters)
{
    /// <summary>The topic's canonical on this server: "&lt;base&gt;/SubscriptionTopic/&lt;code&gt;".</summary>
    public string CanonicalOn(string fhirBase) => $"{fhirBase}/SubscriptionTopic/{Code}";
}

public static class SubscriptionTopics
{
    public const string RegionTag = "_tag";
    public const string PostalCode = "address-postalcode";
    public const string Organization = "organization";
    public const string Id = "_id";
    public const string Regroupement = "regroupement";

    /// <summary>A new version of an EJ's or EG's published description (Organization, its units, lieux, roles). Focus: the Organization.</summary>
    public static readonly SubscriptionTopic EstablishmentDescription = new(
        "establishment-description-changed", "Organization", "An establishment's published description changed",
        [RegionTag, PostalCode, Id]);

    /// <summary>A new version of a lieu's Location written by a capacity change. Focus: the Location.</summary>
    public static readonly SubscriptionTopic LocationCapacity = new(
        "location-capacity-changed", "Location", "The capacity of a lieu changed",
        [RegionTag, PostalCode, Organization, Regroupement]);

    public static readonly IReadOnlyList<SubscriptionTopic> All = [EstablishmentDescription, LocationCapacity];

    /// <summary>The topic a criteria names: its canonical on any base ending in /SubscriptionTopic/&lt;code&gt;, or null.</summary>
    public static SubscriptionTopic? Of(string? criteria)
    {
        if (string.IsNullOrWhiteSpace(criteria)) return null;
        const string marker = "/SubscriptionTopic/";
        var at = criteria.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || !Uri.TryCreate(criteria, UriKind.Absolute, out _)) return null;
        var code = criteria[(at + marker.Length)..];
        return All.FirstOrDefault(t => t.Code == code);
    }

    public static SubscriptionTopic ByCode(string code) => All.First(t => t.Code == code);
}
