using RorNational.Domain.Practitioners;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>Confidentiality of a datum (TRE_R283): who may see it. In JSON, its code (1, 2, 3).</summary>
public enum Confidentiality
{
    /// <summary>1, accès libre: everyone, the general public included.</summary>
    Public = 1,
    /// <summary>2, accès restreint: health and social professionals.</summary>
    Professional = 2,
    /// <summary>3, accès très restreint: regulation and crisis management.</summary>
    Crisis = 3,
}

/// <summary>The part of a UO that its establishment may edit directly, without a dossier.</summary>
public sealed record UOContent
{
    /// <summary>Public pris en charge (TRE_R239).</summary>
    public IReadOnlyList<string> PublicPrisEnCharge { get; init; } = [];

    public AgeRange? AgeRange { get; init; }
    public bool SensitiveUnit { get; init; }
    public IReadOnlyList<string> PsychiatricSectors { get; init; } = [];
    public IReadOnlyList<InterventionZone> InterventionZones { get; init; } = [];
    public IReadOnlyList<OpeningHours> OpeningHours { get; init; } = [];
    public ClosingPeriod? Closing { get; init; }
    public IReadOnlyList<Contact> Contacts { get; init; } = [];

    /// <summary>Modalités d'accueil (TRE_R338, JDV_J226).</summary>
    public IReadOnlyList<string> ReceptionModalities { get; init; } = [];

    /// <summary>Modes de gestion (TRE_R236, JDV_J26).</summary>
    public IReadOnlyList<string> ManagementTypes { get; init; } = [];

    /// <summary>Spécialisations de prise en charge (TRE_R245, JDV_J35).</summary>
    public IReadOnlyList<string> TakingCareSpecialities { get; init; } = [];

    /// <summary>Ouverture annuelle (TRE_R238, JDV_J28), at most one.</summary>
    public string? AnnualOpening { get; init; }

    /// <summary>Professions ressources (JDV_J186, drawing on six tables).</summary>
    public IReadOnlyList<NosCode> ResourceProfessions { get; init; } = [];

    /// <summary>Compétences spécifiques (TRE_R243, JDV_J33).</summary>
    public IReadOnlyList<string> SpecificCompetences { get; init; } = [];

    /// <summary>Temporalité d'arrêt de la prestation, the type de fermeture (TRE_R286, JDV_J185), at most one.</summary>
    public string? ServiceStopTemporality { get; init; }

    /// <summary>The offer's MSS mailboxes (boîtes aux lettres de messagerie sécurisée de santé), each with its confidentiality.</summary>
    public IReadOnlyList<Telecom> MssMailboxes { get; init; } = [];

    /// <summary>The professionals working in the UO and their roles (PractitionerRole), each a recorded RPPS number.</summary>
    public IReadOnlyList<PractitionerRoleDescription> PractitionerRoles { get; init; } = [];
}

/// <summary>Ages in years, both bounds included.</summary>
public sealed record AgeRange(int Low, int High);

/// <summary>A zone d'intervention: its type (TRE_R201: commune, département, région...) and code.</summary>
public sealed record InterventionZone(string Type, string Code);

/// <summary>
/// Hours on one day of the week (1 Monday .. 7 Sunday), of a type (TRE_R252), for a period.
/// No <see cref="Opens"/>/<see cref="Closes"/> means all day.
/// </summary>
public sealed record OpeningHours(int Day, string Type, TimeOnly? Opens, TimeOnly? Closes)
{
    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
}

/// <summary>A temporary closure: closed from a date, with an expected reopening date.</summary>
public sealed record ClosingPeriod(DateOnly ClosedFrom, DateOnly? ReopeningOn);

public sealed record Contact(string? Name, string? Function, string Purpose, Confidentiality Confidentiality)
{
    /// <summary>Nature du contact (TRE_R287) is <see cref="Purpose"/>.</summary>
    public IReadOnlyList<Telecom> Telecoms { get; init; } = [];
}

/// <summary>A telecom with its channel (TRE_R200: 1 fixed phone, 2 mobile... ) and its own confidentiality.</summary>
public sealed record Telecom(string Channel, string Value, Confidentiality Confidentiality);
