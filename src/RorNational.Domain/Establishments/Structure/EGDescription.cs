namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// What an establishment (EG) says of itself beyond FINESS's data, as ror-organization carries it
/// on an EG: prices, crisis data (ORSAN level, helicopter drop zone), accessibility, social help
/// and its closure. Edited directly (merge patch), never through a dossier.
/// </summary>
public sealed record EGDescription
{
    public IReadOnlyList<Price> Prices { get; init; } = [];

    /// <summary>Niveau de recours ORSAN (TRE_R284, JDV_J204): 1 première ligne, 4 deuxième ligne.</summary>
    public string? OrsanLevel { get; init; }

    /// <summary>Zone de poser: whether a helicopter can land on the site.</summary>
    public bool? DropZone { get; init; }

    /// <summary>Accessibilité du lieu (TRE_R202, JDV_J50): how far the premises meet the accessibility rules.</summary>
    public string? Accessibility { get; init; }

    /// <summary>Aides financières (TRE_R241, JDV_J31) the EG is authorised or contracted for.</summary>
    public IReadOnlyList<string> FinancialHelps { get; init; } = [];

    /// <summary>Hébergement famille: whether the families of the people cared for can stay.</summary>
    public bool? FamilyAccommodation { get; init; }

    /// <summary>Places permanentes dédiées à l'aide sociale.</summary>
    public int? PermanentSocialHelpPlaces { get; init; }

    /// <summary>Places temporaires dédiées à l'aide sociale.</summary>
    public int? TemporarySocialHelpPlaces { get; init; }

    /// <summary>Territoires de santé (territorial division of type 4) where the EG stands, by code.</summary>
    public IReadOnlyList<string> HealthTerritories { get; init; } = [];

    /// <summary>Type de fermeture (TRE_R286, JDV_J201): PRO provisoire, DEF définitive, PRE prévisionnelle...</summary>
    public string? ClosingType { get; init; }

    /// <summary>Date de fermeture (organization-period end).</summary>
    public DateOnly? ClosingDate { get; init; }

    /// <summary>Commentaire: what the establishment adds for the public.</summary>
    public string? Comment { get; init; }
}

/// <summary>
/// Tarif: a price the EG set for a kind of service (type TRE_R246, JDV_J36), per unit (TRE_R228,
/// JDV_J205: hour, day, month, unit), an amount in euros, valid from a date, and what it applies
/// to: the dwelling (TRE_R242), the dependency group (TRE_R237), permanent or temporary stays
/// (TRE_R240), and the condition that gives access to it (TRE_R250, e.g. 02 approved for social help).
/// </summary>
public sealed record Price(string Type, string Unit, decimal Amount)
{
    public DateOnly? ValidFrom { get; init; }
    public string? ResidentialType { get; init; }
    public string? DependencyLevel { get; init; }
    public string? WelcomeType { get; init; }
    public string? SpecialPrice { get; init; }
}

/// <summary>
/// What an internal organisation unit (pôle, service, UF) carries in ror-organization beyond its
/// name and type: its opening and closing dates (organization-period) and the type of its closure.
/// Recorded on its fiche, through a dossier.
/// </summary>
public sealed record OrganisationDescription
{
    public DateOnly? OpeningDate { get; init; }
    public DateOnly? ClosingDate { get; init; }

    /// <summary>Type de fermeture (TRE_R286, JDV_J201).</summary>
    public string? ClosingType { get; init; }
}
