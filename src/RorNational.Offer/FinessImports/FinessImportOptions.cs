using System.ComponentModel.DataAnnotations;
using RorNational.Domain.Establishments.Importing;

namespace RorNational.Offer.FinessImports;

/// <summary>The <c>Finess</c> section of the configuration.</summary>
public sealed class FinessImportOptions
{
    public const string Section = "Finess";

    /// <summary>
    /// The largest share of the open EGs (0 to 1) that a full extract closes without
    /// <c>?confirmClosures=true</c>; beyond it, none is closed and the import says so.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxClosureShare { get; set; } = ClosureGuard.DefaultMaxShare;
}
