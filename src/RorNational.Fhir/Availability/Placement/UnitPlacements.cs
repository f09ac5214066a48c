using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Publishing;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Availability.Placement;

/// <summary>
/// Places the lieux an EG publishes in the synthesis (<see cref="UnitPlacement"/>): called by
/// the publication projection with each rendering of the EG, in its transaction. A placement is
/// written only when it changed, deleted when the lieu no longer has one; what was written is
/// remembered in <see cref="PublicationState.AvailabilityPlacements"/>, so that a rendering that
/// changes nothing of critical care (a FINESS import of an EHPAD) writes nothing.
/// </summary>
public sealed class UnitPlacements(Territory territory, RegroupementCatalogue catalogue)
{
    public void Store(IDocumentOperations operations, PublicationState state)
    {
        if (state.EG is not { } eg) return;
        var placements = Of(eg, state);
        foreach (var (lieu, placement) in placements)
        {
            var hash = Hash(placement);
            if (state.AvailabilityPlacements.GetValueOrDefault(lieu) == hash) continue;
            operations.Store(placement);
            state.AvailabilityPlacements[lieu] = hash;
        }
        foreach (var lieu in state.AvailabilityPlacements.Keys.Where(lieu => !placements.ContainsKey(lieu)).ToList())
        {
            operations.Delete<UnitPlacement>(EstablishmentIds.Unit(eg.Data.Finess, lieu));
            state.AvailabilityPlacements.Remove(lieu);
        }
    }

    /// <summary>The placement of each lieu of the EG that has a regroupement, by lieu fiche id; none for a closed EG.</summary>
    public Dictionary<string, UnitPlacement> Of(EG eg, PublicationState state)
    {
        var placements = new Dictionary<string, UnitPlacement>(StringComparer.Ordinal);
        if (eg.Closed) return placements;
        var uos = eg.Fiches.Values.Where(f => f.UO is not null).ToList();
        var medicoSocial = MedicoSocialLieux.Of(eg);
        foreach (var lieu in eg.Fiches.Values.Where(f => f.Lieu is not null))
        {
            if (!state.UnitIds.TryGetValue(lieu.Id, out var locationId)) continue;
            var served = uos.Where(f => f.UO!.LieuIds.Contains(lieu.Id)).Select(f => f.UO!).ToList();
            if (catalogue.Of(served.Select(OfferOf)) is not { } regroupement) continue;
            if (TerritoryOf(eg, lieu.Lieu!) is not { } commune) continue;
            placements[lieu.Id] = new UnitPlacement
            {
                Id = EstablishmentIds.Unit(eg.Data.Finess, lieu.Id),
                EGFiness = eg.Data.Finess,
                EGName = eg.Data.Name,
                LieuId = lieu.Id,
                LocationId = locationId,
                Name = lieu.Name ?? lieu.Id,
                Region = commune.RegionCode,
                Departement = commune.DepartementCode,
                Regroupement = regroupement.Code,
                Sensitive = state.SensitiveLieux.Contains(lieu.Id),
                MedicoSocial = medicoSocial.Contains(lieu.Id),
                Phones = PhonesOf(served, eg),
            };
        }
        return placements;
    }

    private static OfferForRegroupement OfferOf(UODescription uo) =>
        new(uo.ActivitesOperationnelles, uo.CategorieOrganisation, uo.Content.AgeRange?.High);

    /// <summary>The commune of the EG's address, or of the lieu's when the EG's has no known COG.</summary>
    private Commune? TerritoryOf(EG eg, LieuDescription lieu) =>
        (eg.Data.Address.CommuneCog is { } cog ? territory.FindCurrentCommune(cog) : null)
        ?? (lieu.Address?.CommuneCog is { } lieuCog ? territory.FindCurrentCommune(lieuCog) : null);

    /// <summary>
    /// Phone channels of TRE_R200 (CanalCommunication): 2 fixed phone (as the EG's phone is
    /// published), 3 mobile phone.
    /// </summary>
    private static readonly HashSet<string> PhoneChannels = ["2", "3"];

    private static List<PhoneCandidate> PhonesOf(IEnumerable<UODescription> served, EG eg)
    {
        var phones = served
            .SelectMany(uo => uo.Content.Contacts)
            .SelectMany(contact => contact.Telecoms
                .Where(t => PhoneChannels.Contains(t.Channel))
                .Select(t => new PhoneCandidate(t.Value, Math.Max((int)contact.Confidentiality, (int)t.Confidentiality))))
            .ToList();
        if (eg.Data.Phone is { } switchboard) phones.Add(new PhoneCandidate(switchboard, (int)Confidentiality.Public));
        return phones.Distinct().ToList();
    }

    private static string Hash(UnitPlacement placement) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(placement)).AsSpan(0, 16));
}
