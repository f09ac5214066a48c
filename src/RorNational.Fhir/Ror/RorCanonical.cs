namespace RorNational.Fhir.Ror;

/// <summary>
/// URLs and code systems of the national ROR FHIR guide
/// (https://interop.esante.gouv.fr/ig/fhir/ror) that this server emits.
/// </summary>
public static class RorCanonical
{
    public const string Base = "https://interop.esante.gouv.fr/ig/fhir/ror";

    public static string Profile(string id) => $"{Base}/StructureDefinition/{id}";
    public static string Extension(string id) => $"{Base}/StructureDefinition/{id}";

    public static readonly string OrganizationProfile = Profile("ror-organization");
    public static readonly string MetaCreationDate = Extension("ror-meta-creation-date");

    /// <summary>National structure identifier (idNatSt): prefix 1 + FINESS, 3 + SIRET...</summary>
    public const string IdNatStSystem = "urn:oid:1.2.250.1.71.4.2.2";
    public const string FinessSystem = "https://finess.esante.gouv.fr";

    public static string Nos(string table, string name) =>
        $"https://mos.esante.gouv.fr/NOS/{table}-{name}/FHIR/{table.Replace('_', '-')}-{name}";

    public static readonly string StructureIdentifierTypes = Nos("TRE_G07", "TypeIdentifiantStructure");

    public static class Adxp
    {
        public const string HouseNumber = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber";
        public const string StreetNameType = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetNameType";
        public const string StreetNameBase = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetNameBase";
        public const string AdditionalLocator = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-additionalLocator";
    }
}
