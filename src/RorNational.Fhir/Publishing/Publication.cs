using Hl7.Fhir.Model;
using RorNational.Domain.Capacity;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// What every resource of one establishment is rendered from: the EG's published state, its
/// source region, when each of its resources was first published, its units' FHIR ids and
/// the lieux whose content is a sensitive unit's (<see cref="SensitiveLieux"/>).
/// </summary>
public sealed record Publication(
    EG EG, string? RegionCode, IReadOnlyDictionary<string, DateTimeOffset> FirstPublished,
    IReadOnlyDictionary<string, string> UnitIds, IReadOnlySet<string> SensitiveLieux, DateTimeOffset Now)
{
    /// <summary>The current capacity indicators of a lieu, by its fiche id, in their published order.</summary>
    public Func<string, IReadOnlyList<CapacityIndicator>> CapacityOf { get; init; } = _ => [];

    /// <summary>The lieux in the medico-social field (<see cref="MedicoSocialLieux"/>), by fiche id.</summary>
    public IReadOnlySet<string> MedicoSocialLieux { get; init; } = new HashSet<string>();

    /// <summary>The ambulatory lieux, of the ville offer only (<see cref="VilleLieux"/>), by fiche id.</summary>
    public IReadOnlySet<string> VilleLieux { get; init; } = new HashSet<string>();

    /// <summary>The opaque FHIR id of a unit (<see cref="UnitFhirIds"/>), given when the unit was first published.</summary>
    public string IdOf(string ficheId) => UnitIds.TryGetValue(ficheId, out var id)
        ? id
        : throw new InvalidOperationException($"unit {ficheId} of {EG.Id} has no FHIR id: it was never published");

    /// <summary>The id the editor gave a unit, prefixed by the EG's FINESS: "690000013-uo-psy-adultes".</summary>
    public string EditorIdOf(string ficheId) => EstablishmentIds.Unit(EG.Data.Finess, ficheId);

    /// <summary>The unit's identifier holding the editor's id (its FHIR id is opaque).</summary>
    public Identifier EditorIdentifier(string ficheId) => new(RorCanonical.EditorUnitIdSystem, EditorIdOf(ficheId));

    /// <summary>When the resource of this fiche was first published; now, when it is being published first.</summary>
    public DateTimeOffset CreatedAt(string resourceType, string ficheId) =>
        FirstPublished.GetValueOrDefault($"{resourceType}/{IdOf(ficheId)}", Now);

    public ResourceReference ParentReference(string? parentId) =>
        new("Organization/" + (parentId is null ? EG.Id : IdOf(parentId)));

    public Meta Meta(string profile) => new()
    {
        Profile = [profile],
        Tag = RegionCode is null ? [] : [RorDatatypes.RegionTag(RegionCode)],
    };
}
