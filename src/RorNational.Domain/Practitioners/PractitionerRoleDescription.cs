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
}
