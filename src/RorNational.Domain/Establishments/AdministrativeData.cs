using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments;

/// <summary>An EJ's data owned by FINESS, the national register: nobody else changes them.</summary>
public sealed record EJAdministrativeData(string Finess, string LegalName)
{
    public IReadOnlyList<Problem> Check() => new FieldChecks()
        .Finess(Finess, "finess")
        .Required(LegalName, "legalName")
        .Problems;
}

/// <summary>An EG's data owned by FINESS, including the EJ it belongs to.</summary>
public sealed record EGAdministrativeData(string Finess, string EJFiness, string Name, PostalAddress Address)
{
    public IReadOnlyList<Problem> Check()
    {
        var checks = new FieldChecks()
            .Finess(Finess, "finess")
            .Required(Name, "name");
        return Address is null
            ? checks.Missing("address").Problems
            : checks.Nested("address", Address.Check()).Problems;
    }
}
