using Hl7.Fhir.Model;
using RorNational.Domain.Practitioners;
using RorNational.Fhir.Locations;
using RorNational.Fhir.Ror;
using P = RorNational.Fhir.Ror.RorCanonical.Practitioners;

namespace RorNational.Fhir.Practitioners;

/// <summary>
/// Renders a recorded professional as a ror-practitioner: the idNat_PS identifier ("8" and the
/// RPPS number, CI-SIS), the name with its civility as prefix (TRE_R81), the MSS mailboxes with
/// their channel and confidentiality, and the creation date. A professional is national: no region tag.
/// </summary>
public static class PractitionerRendering
{
    public static Practitioner Render(RecordedPractitioner practitioner)
    {
        var identity = practitioner.Identity;
        var resource = new Practitioner
        {
            Id = practitioner.Id,
            Meta = new Meta { Profile = [P.PractitionerProfile] },
            Identifier = [IdNatPs(practitioner.Rpps)],
            Name =
            [
                new HumanName
                {
                    Family = identity.FamilyName,
                    Given = identity.GivenNames,
                    Prefix = identity.Civility is null ? [] : [identity.Civility],
                },
            ],
            Telecom = [.. identity.Mailboxes.Select(LocationContentRendering.Telecom)],
        };
        resource.Extension.Add(RorDatatypes.CreationDate(practitioner.RecordedAt));
        return resource;
    }

    public static Identifier IdNatPs(string rpps) => new(P.IdNatPsSystem, "8" + rpps)
    {
        Type = RorDatatypes.Coded(P.IdentifierTypes, "IDNPS", "Identifiant national de professionnel de santé"),
    };
}
