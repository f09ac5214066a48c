using System.ComponentModel.DataAnnotations;

namespace RorNational.Offer.Capacity;

/// <summary>Settings of capacity supply (section Capacity).</summary>
public sealed class CapacitySupplyOptions
{
    public const string Section = "Capacity";

    /// <summary>
    /// How long a request id (X-Request-Id, Bundle.identifier) is remembered: a replay within
    /// it answers as the first time; after it, the same id is a new request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ReceiptLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest bundle body taken by POST /fhir (bytes); 413 beyond.</summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxBundleBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The most entries of one bundle.</summary>
    [Range(1, 100_000)]
    public int MaxBundleEntries { get; set; } = 10_000;

    /// <summary>
    /// The most entries of the requests applied in one transaction (<see cref="Grouping.SupplyGroups"/>):
    /// the requests waiting for a write turn join the group until it holds this many. A request
    /// larger than this runs alone; 1 never groups.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxGroupEntries { get; set; } = 500;
}
