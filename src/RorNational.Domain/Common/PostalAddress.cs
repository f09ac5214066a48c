namespace RorNational.Domain.Common;

/// <summary>
/// A French postal address as FINESS describes it. <see cref="CommuneCog"/> is the INSEE
/// commune code (Code officiel géographique), distinct from the postal code.
/// </summary>
public sealed record PostalAddress(
    string? HouseNumber,
    string? StreetType,
    string? StreetName,
    string? Complement,
    string? LieuDit,
    string PostalCode,
    string City,
    string? CommuneCog)
{
    public IReadOnlyList<Problem> Check() => new FieldChecks()
        .Optional(HouseNumber, "houseNumber", 10)
        .Optional(StreetType, "streetType", 10)
        .Optional(StreetName, "streetName")
        .Optional(Complement, "complement")
        .Optional(LieuDit, "lieuDit")
        .Required(PostalCode, "postalCode", 5)
        .Matches(PostalCode, FieldChecks.FiveDigits(), "postalCode", "must be 5 digits")
        .Required(City, "city", 100)
        .Matches(CommuneCog, FieldChecks.CommuneCog(), "communeCog", "must be an INSEE commune code of 5 characters")
        .Problems;
}
