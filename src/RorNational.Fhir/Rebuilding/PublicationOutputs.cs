using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Availability.Placement;
using RorNational.Fhir.Practitioners;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Rebuilding;

/// <summary>
/// Everything <see cref="EstablishmentPublicationProjection"/> and <see cref="PractitionerPublicationProjection"/> write, hence what a rebuild of
/// the publication empties before replaying the events: the FHIR documents, their versions (a table of their own),
/// the projection's own state per stream, the search index tables and the lieux' figures. A document type the
/// projection starts writing belongs here too.
/// </summary>
public static class PublicationOutputs
{
    public static readonly Type[] DocumentTypes =
    [
        typeof(OrganizationDocument),
        typeof(HealthcareServiceDocument),
        typeof(LocationDocument),
        typeof(PractitionerDocument),
        typeof(PractitionerRoleDocument),
        typeof(PublishedPractitioner),
        typeof(PublicationState),
        typeof(SupplyZone),
        typeof(UnitPlacement),
    ];

    /// <summary>The search index tables (<see cref="SearchIndexSchema"/>), in the store's schema: a rebuild writes them afresh and swaps them in (Host/Rebuilding/FreshIndexTables) rather than emptying them.</summary>
    public static IReadOnlyList<string> IndexTables => SearchIndexSchema.Tables;

    /// <summary>The resources' versions (<see cref="ResourceVersionTable"/>), in the store's schema.</summary>
    public static string VersionTable => ResourceVersionTable.Name;

    /// <summary>The tables of our own the projection writes, in the store's schema: the search index, the versions, the lieux' figures (<see cref="AvailabilityFiguresTable"/>).</summary>
    public static IEnumerable<string> Tables => [.. IndexTables, VersionTable, AvailabilityFiguresTable.Name];
}
