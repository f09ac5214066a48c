using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Practitioners;

/// <summary>
/// A professional's role in a UO (situation opérationnelle), part of the UO's content: who (the
/// RPPS number of a recorded professional), the profession exercised (TRE_G15), the kind of
/// know-how (TRE_R04) with the ordinal specialty (TRE_R38) and specific competences (TRE_R243),
/// the exercise mode in this offer (TRE_R23), and the guide's one hours slot and one telecom.
/// At most one role per professional in a UO.
/// </summary>
public sealed record PractitionerRoleDescription
{
    public string? Rpps { get; init; }

    /// <summary>Profession (TRE_G15): 10 médecin, 70 masseur-kinésithérapeute...</summary>
    public string? Profession { get; init; }

    /// <summary>Mode d'exercice in this offer (TRE_R23): L libéral, S salarié, B bénévole, I indirect.</summary>
    public string? ExerciseMode { get; init; }

    /// <summary>Type de savoir-faire (TRE_R04): S spécialité ordinale, CEX compétence exclusive...</summary>
    public string? ExpertiseType { get; init; }

    /// <summary>Spécialité ordinale (TRE_R38): SM54 médecine générale...</summary>
    public string? OrdinalSpecialty { get; init; }

    /// <summary>Compétences spécifiques (TRE_R243).</summary>
    public IReadOnlyList<string> SpecificCompetences { get; init; } = [];

    /// <summary>The professional's hours in this offer (the guide allows one slot).</summary>
    public OpeningHours? Hours { get; init; }

    /// <summary>How to reach the professional in this offer (the guide allows one), with its confidentiality.</summary>
    public Telecom? Telecom { get; init; }

    /// <summary>The identity the professional exercises under in this offer (civilité, nom et prénom d'exercice).</summary>
    public ExerciseName? ExerciseName { get; init; }

    /// <summary>The other know-how of the professional (savoir-faire beyond the ordinal specialty), each one code.</summary>
    public KnowHow? KnowHow { get; init; }

    /// <summary>Secteur de conventionnement with the Assurance Maladie (TRE_R282): 1 conventionné, 2 with dépassement...</summary>
    public string? Contracted { get; init; }

    /// <summary>Whether the professional adheres to the option pratique tarifaire maîtrisée (formerly contrat d'accès aux soins).</summary>
    public bool? OptionCas { get; init; }

    /// <summary>Whether the carte Vitale is accepted in this offer.</summary>
    public bool? VitaleAccepted { get; init; }

    /// <summary>The editor's comment on the role (commentaire des métadonnées).</summary>
    public string? Comment { get; init; }
}

/// <summary>A professional's identity of exercise: civilité d'exercice (TRE_R11: DR, PR...), last name (required) and first name.</summary>
public sealed record ExerciseName
{
    public string? Title { get; init; }
    public string? LastName { get; init; }
    public string? FirstName { get; init; }
}

/// <summary>
/// The know-how slices of ror-practitionerrole beyond the type, ordinal specialty and specific
/// competences, one code each: competence (TRE_R39), exclusive competence (TRE_R40), particular
/// orientation (TRE_G13), capacity (TRE_R43), PAC qualification (TRE_R44), non-qualifying DESC
/// (TRE_R42) and supplementary exercise right (TRE_R97).
/// </summary>
public sealed record KnowHow
{
    public string? Competence { get; init; }
    public string? ExclusiveCompetence { get; init; }
    public string? SpecificOrientation { get; init; }
    public string? ExpertiseCapacity { get; init; }
    public string? QualificationPac { get; init; }
    public string? NonQualifyingDesc { get; init; }
    public string? SupplementaryExerciseRight { get; init; }
}
