using Hl7.Fhir.Model;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.Fhir.Ror;

/// <summary>Builds the FHIR datatypes shaped as the national guide wants them.</summary>
public static class RorDatatypes
{
    /// <summary>A CodeableConcept of one coding, its label on the coding as the guide's examples do.</summary>
    /// <summary>HL7 confidentiality codes, as meta.security labels.</summary>
    public const string ConfidentialitySystem = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    /// <summary>
    /// The security label of a lieu that serves sensitive units only ("R", restricted): its
    /// content is then classified as a sensitive unit's (Access/ElementClassification).
    /// </summary>
    public static Coding SensitiveUnitsOnly() => new(ConfidentialitySystem, "R", "restricted");

    public static CodeableConcept Coded(string system, string code, string? display = null) =>
        new() { Coding = [new Coding(system, code, display)] };

    public static CodeableConcept Coded(string system, CodedValue value) => Coded(system, value.Code, value.Label);

    /// <summary>A telecom's channel (JDV_J225): TRE_R256 for an MSS mailbox (MSSANTE), TRE_R200 otherwise.</summary>
    public static CodeableConcept Channel(string code) =>
        Coded(code == "MSSANTE" ? T.TypeMessagerie : T.CanalCommunication, code);

    public static Identifier StructureIdentifier(string typeCode, string typeDisplay, string system, string value) =>
        new(system, value) { Type = Coded(T.StructureIdentifierTypes, typeCode, typeDisplay) };

    public static Identifier IdNatSt(string finess) =>
        StructureIdentifier("40", "Identifiant national de structure", RorCanonical.IdNatStSystem, "1" + finess);

    public static Identifier Finess(string finess) => StructureIdentifier("1", "FINESS", RorCanonical.FinessSystem, finess);

    public static Identifier Siret(string siret) => StructureIdentifier("3", "SIRET", RorCanonical.SiretSystem, siret);

    public static Extension CreationDate(DateTimeOffset createdAt) =>
        new(RorCanonical.Extensions.CreationDate, new FhirDateTime(Instant(createdAt)));

    public static Coding RegionTag(string regionCode) => new(T.Region, regionCode);

    /// <summary>
    /// The tag of a Location whose offers are all medico-social (champ d'activité 04, TRE_R227):
    /// its content is in the medico-social field of the access policy.
    /// </summary>
    public static Coding MedicoSocialField() => new(T.ChampActivite, Publishing.MedicoSocialLieux.MedicoSocialField, "Médico-social");

    public static CodeableConcept ConfidentialityLevel(Confidentiality level) =>
        Coded(T.Confidentiality, ((int)level).ToString(), level switch
        {
            Confidentiality.Public => "Accès libre",
            Confidentiality.Professional => "Accès restreint",
            _ => "Accès très restreint",
        });

    /// <summary>FHIR instants to the millisecond, as PostgreSQL and clients compare them.</summary>
    public static DateTimeOffset Instant(DateTimeOffset time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, time.Offset);

    /// <summary>One address line carrying its parts as ISO 21090 ADXP extensions.</summary>
    public static Address Address(PostalAddress address)
    {
        var street = string.Join(' ', new[] { address.HouseNumber, address.StreetType, address.StreetName }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
        var line = new FhirString(string.IsNullOrEmpty(street) ? address.LieuDit ?? address.City : street);
        AddPart(line, RorCanonical.Adxp.HouseNumber, address.HouseNumber);
        AddPart(line, RorCanonical.Adxp.StreetNameType, address.StreetType);
        AddPart(line, RorCanonical.Adxp.StreetNameBase, address.StreetName);
        AddPart(line, RorCanonical.Adxp.AdditionalLocator, address.Complement);
        var lines = new List<FhirString> { line };
        if (!string.IsNullOrWhiteSpace(address.LieuDit) && !string.IsNullOrEmpty(street))
            lines.Add(new FhirString(address.LieuDit));
        return new Address
        {
            LineElement = lines,
            PostalCode = address.PostalCode,
            City = address.City,
            Country = "FRA",
        };
    }

    private static void AddPart(Element line, string url, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) line.Extension.Add(new Extension(url, new FhirString(value)));
    }
}
