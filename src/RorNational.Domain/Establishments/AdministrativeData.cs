using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments;

/// <summary>
/// An EJ's data owned by FINESS, the national register: nobody else changes them.
/// FINESS extracts of establishments name an EJ only by its number, so the legal name may
/// be unknown until an EJ extract or a registration gives it.
/// </summary>
public sealed record EJAdministrativeData(string Finess, string? LegalName)
{
    /// <summary>SIREN, the 9-digit company number.</summary>
    public string? Siren { get; init; }

    /// <summary>Statut juridique FINESS (TRE_R72).</summary>
    public CodedValue? LegalStatus { get; init; }

    public IReadOnlyList<Problem> Check() => new FieldChecks()
        .Finess(Finess, "finess")
        .Optional(LegalName, "legalName")
        .Matches(Siren, FieldChecks.Siren(), "siren", "must be a SIREN number: 9 digits")
        .Coded(LegalStatus, "legalStatus")
        .Problems;
}

/// <summary>An EG's data owned by FINESS, including the EJ it belongs to.</summary>
public sealed record EGAdministrativeData(string Finess, string EJFiness, string Name, PostalAddress Address)
{
    /// <summary>Raison sociale longue (rslongue), when FINESS gives one.</summary>
    public string? LongName { get; init; }

    /// <summary>SIRET, 14 digits.</summary>
    public string? Siret { get; init; }

    /// <summary>Catégorie d'établissement (TRE_R66), e.g. 355 Centre hospitalier, 500 EHPAD.</summary>
    public CodedValue? Category { get; init; }

    /// <summary>Catégorie d'agrégat d'établissement (FINESS categagretab).</summary>
    public CodedValue? CategoryAggregate { get; init; }

    /// <summary>Participation au service public hospitalier (FINESS codesph).</summary>
    public CodedValue? PublicServiceParticipation { get; init; }

    public string? Phone { get; init; }
    public string? Fax { get; init; }
    public DateOnly? OpeningDate { get; init; }

    /// <summary>WGS84 position converted from FINESS's projected coordinates.</summary>
    public GeoPoint? Coordinates { get; init; }

    /// <summary>Some establishments are centuries old: FINESS gives their historical opening date.</summary>
    private static readonly DateOnly EarliestOpeningDate = new(1000, 1, 1);

    public IReadOnlyList<Problem> Check()
    {
        var checks = new FieldChecks()
            .Finess(Finess, "finess")
            .Finess(EJFiness, "ejFiness")
            .Required(Name, "name")
            .Optional(LongName, "longName")
            .Matches(Siret, FieldChecks.Siret(), "siret", "must be a SIRET number: 14 digits")
            .Coded(Category, "category")
            .Coded(CategoryAggregate, "categoryAggregate")
            .Coded(PublicServiceParticipation, "publicServiceParticipation")
            .Optional(Phone, "phone", 30)
            .Optional(Fax, "fax", 30)
            .Date(OpeningDate, "openingDate", EarliestOpeningDate)
            .Position(Coordinates, "coordinates");
        return Address is null
            ? checks.Missing("address").Problems
            : checks.Nested("address", Address.Check()).Problems;
    }
}
