using System.Text.Json.Serialization;
using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>What a fiche describes. Pôle, service and UF are the internal organisation (TRE_R207).</summary>
[JsonConverter(typeof(NamedEnumConverter<FicheType>))]
public enum FicheType { Pole, Service, UF, UO, Lieu }

/// <summary>
/// One unit of an establishment's description, as published or as proposed in a dossier:
/// a pôle, service or UF (organisation), a UO (the offer itself) or a lieu de réalisation.
/// <see cref="Id"/> is local to the EG; <see cref="ParentId"/> null means directly under the EG.
/// </summary>
public sealed record Fiche(string Id, FicheType Type, string? Name, string? ParentId)
{
    public UODescription? UO { get; init; }
    public LieuDescription? Lieu { get; init; }

    /// <summary>A pôle's, service's or UF's own dates and closure (optional).</summary>
    public OrganisationDescription? Organisation { get; init; }

    public bool IsOrganisation => Type is FicheType.Pole or FicheType.Service or FicheType.UF;
}

/// <summary>
/// A UO. The first fields are structural (a change needs a dossier); <see cref="Content"/>
/// may also be edited directly.
/// </summary>
public sealed record UODescription
{
    /// <summary>Champ d'activité (TRE_R227): 01 MCO, 04 médico-social, 05 ville...</summary>
    public string? ChampActivite { get; init; }

    /// <summary>Activités opérationnelles (TRE_R211), at least one.</summary>
    public IReadOnlyList<string> ActivitesOperationnelles { get; init; } = [];

    /// <summary>Mode de prise en charge (TRE_R213), exactly one.</summary>
    public string? ModePriseEnCharge { get; init; }

    /// <summary>Catégorie d'organisation (TRE_R244).</summary>
    public string? CategorieOrganisation { get; init; }

    /// <summary>The lieux de réalisation (fiche ids of this EG) where the offer takes place.</summary>
    public IReadOnlyList<string> LieuIds { get; init; } = [];

    /// <summary>Famille d'activité opérationnelle (JDV_J51: TRE_R266 or TRE_R265), at most one.</summary>
    public NosCode? OperationalActivityFamily { get; init; }

    /// <summary>Temporalité d'accueil (TRE_R240, JDV_J30), at most one.</summary>
    public string? ReceptionType { get; init; }

    /// <summary>Niveaux d'expertise (JDV_J227: TRE_R253 maternity type, TRE_R344), as authorised.</summary>
    public IReadOnlyList<NosCode> ExpertiseLevels { get; init; } = [];

    /// <summary>Actes spécifiques (TRE_R210, JDV_J16).</summary>
    public IReadOnlyList<string> SpecificActs { get; init; } = [];

    /// <summary>Actes réalisés hors cabinet (TRE_R210, JDV_J16): ville practitioners' acts done in an establishment.</summary>
    public IReadOnlyList<string> OutsideOfficeActs { get; init; } = [];

    /// <summary>Habilitation aux soins sans consentement; null when not said.</summary>
    public bool? NoConsentHabilitation { get; init; }

    public UOContent Content { get; init; } = new();
}

/// <summary>A lieu de réalisation: where beds and places are.</summary>
public sealed record LieuDescription
{
    /// <summary>Fonction du lieu (TRE_R343): 001 hébergement, 002 consultation...</summary>
    public string? Function { get; init; }

    public PostalAddress? Address { get; init; }
    public GeoPoint? Position { get; init; }

    /// <summary>The regional functional identifier of the lieu.</summary>
    public string? FunctionalId { get; init; }

    /// <summary>The supplier's synchronisation key for capacity, unique within the EG.</summary>
    public string? IdExterneSynchro { get; init; }

    /// <summary>Statut du lieu (TRE_R203): OP opérationnel, FT fermé temporairement, FD fermé définitivement.</summary>
    public string? OperationalStatus { get; init; }

    /// <summary>How to reach the lieu, as text.</summary>
    public string? Description { get; init; }

    /// <summary>Other names of the lieu (the supplier's nomExterneSynchro among them).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The lieu's own telecoms, each with its confidentiality.</summary>
    public IReadOnlyList<Telecom> Telecoms { get; init; } = [];

    public IReadOnlyList<Equipment> Equipments { get; init; } = [];

    public IReadOnlyList<ResidentialCapacity> ResidentialCapacities { get; init; } = [];
}
