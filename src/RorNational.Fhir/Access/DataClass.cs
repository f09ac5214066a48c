namespace RorNational.Fhir.Access;

/// <summary>
/// What kind of datum an element of a published resource is, as the national ROR's access
/// policy tells them apart. Each element of a resource carries the classes of its own and of
/// the elements around it (<see cref="ElementClassification"/>); an access profile hides
/// elements by class (<see cref="AccessProfile"/>), and the search index records the classes
/// of every value so that a query can never match what the caller cannot read.
/// </summary>
[Flags]
public enum DataClass
{
    None = 0,

    /// <summary>Confidentiality level 2 (TRE_R283 "Accès restreint"): health and social professionals.</summary>
    ConfidentialityLevel2 = 1,

    /// <summary>Confidentiality level 3 (TRE_R283 "Accès très restreint"): crisis management and regulation.</summary>
    ConfidentialityLevel3 = 2,

    /// <summary>Anything of an offer flagged sensitive-unit beyond its id and metadata.</summary>
    SensitiveUnit = 4,

    /// <summary>Capacity records (beds and places) of a lieu.</summary>
    Capacity = 8,

    /// <summary>Supplementary (crisis) capacity records: capacity status 06 (TRE_R330).</summary>
    SupplementaryCapacity = 16,

    /// <summary>Equipment of a lieu and its limits.</summary>
    Equipment = 32,

    /// <summary>Specific acts, specific competences, care specialisations and resource professions of an offer.</summary>
    SpecificCompetence = 64,

    /// <summary>Contacts and telecoms, whatever their level (with the personal data they hold).</summary>
    Contact = 128,

    /// <summary>Capacity records other than installed capacity (status 01): available, assigned, exceptional...</summary>
    OperationalCapacity = 256,

    /// <summary>ORSAN recourse levels and helicopter drop zones of an establishment.</summary>
    CrisisManagement = 512,

    /// <summary>
    /// Not a datum but its setting: every element of a resource outside the medico-social
    /// field (an offer whose champ d'activité is not 04, every organization, and every lieu
    /// but those serving medico-social offers only).
    /// Combined with another class, it lets a profile hide that class outside medico-social only.
    /// </summary>
    OutsideMedicoSocial = 1024,

    /// <summary>
    /// Not a datum but its setting: every element of a resource outside the ville (ambulatory)
    /// field, champ d'activité 05: an offer of another field, every organization, every lieu
    /// but those serving ville offers only, and a professional's role in a UO of another field.
    /// Combined with another class, it lets a profile see that class in the ville offer only.
    /// </summary>
    OutsideVille = 2048,

    /// <summary>Anything of a professional's role (PractitionerRole) beyond its id and metadata.</summary>
    PractitionerRoleContent = 4096,

    /// <summary>The telecoms of a lieu (Location.telecom), which the policy shows by the lieu's field.</summary>
    LocationTelecom = 8192,
}
