namespace RorNational.Fhir.Ror;

/// <summary>
/// URLs and code systems of the national ROR FHIR guide
/// (https://interop.esante.gouv.fr/ig/fhir/ror) that this server emits.
/// </summary>
public static class RorCanonical
{
    public const string Base = "https://interop.esante.gouv.fr/ig/fhir/ror";

    public static string StructureDefinition(string id) => $"{Base}/StructureDefinition/{id}";

    public static readonly string OrganizationProfile = StructureDefinition("ror-organization");
    public static readonly string HealthcareServiceProfile = StructureDefinition("ror-healthcareservice");
    public static readonly string LocationProfile = StructureDefinition("ror-location");

    /// <summary>National structure identifier (idNatSt): prefix 1 + FINESS, 3 + SIRET...</summary>
    public const string IdNatStSystem = "urn:oid:1.2.250.1.71.4.2.2";
    public const string FinessSystem = "https://finess.esante.gouv.fr";
    public const string SiretSystem = "https://sirene.fr";
    public const string InternalOrganizationSystem = "https://oi.esante.gouv.fr";
    /// <summary>
    /// The id an editor gives a unit (UO, lieu, pôle, service, UF), prefixed by its EG's FINESS
    /// ("690000013-uo-psy-adultes"): the unit's identifier, its FHIR id being opaque.
    /// </summary>
    public const string EditorUnitIdSystem = "urn:ror-national:unit-id";
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>A NOS terminology (TRE) code system URL.</summary>
    public static string Nos(string table, string name) =>
        $"https://mos.esante.gouv.fr/NOS/{table}-{name}/FHIR/{table.Replace('_', '-')}-{name}";

    public static class Extensions
    {
        public static readonly string CreationDate = StructureDefinition("ror-meta-creation-date");
        public static readonly string SensitiveUnit = StructureDefinition("ror-healthcareservice-sensitive-unit");
        public static readonly string PatientType = StructureDefinition("ror-healthcareservice-patient-type");
        public static readonly string PsychiatricSector = StructureDefinition("ror-healthcareservice-psychiatric-sector");
        public static readonly string TerritorialDivision = StructureDefinition("ror-territorial-division");
        public static readonly string HealthcareServiceContact = StructureDefinition("ror-healthcareservice-contact");
        public static readonly string ContactTelecom = StructureDefinition("ror-healthcareservice-contact-telecom");
        public static readonly string ContactFunction = StructureDefinition("ror-function-contact");
        public static readonly string ConfidentialityLevel = StructureDefinition("ror-confidentiality-level");
        public static readonly string ContactConfidentialityLevel = StructureDefinition("ror-contact-confidentiality-level");
        public static readonly string TelecomConfidentialityLevel = StructureDefinition("ror-telecom-confidentiality-level");
        public static readonly string TelecomChannel = StructureDefinition("ror-telecom-communication-channel");
        public static readonly string TypeOfTime = StructureDefinition("ror-available-time-type-of-time");
        public static readonly string EffectivePeriod = StructureDefinition("ror-available-time-effective-opening-closing-date");
        public static readonly string DayOfWeekNumber = StructureDefinition("ror-available-time-number-days-of-week");
        public static readonly string CommuneCog = StructureDefinition("ror-commune-cog");
        public static readonly string LevelRecourseOrsan = StructureDefinition("ror-organization-level-recours-orsan");
        public static readonly string DropZone = StructureDefinition("ror-organization-drop-zone");
        public static readonly string LocationSupportedCapacity = StructureDefinition("ror-location-supported-capacity");
        public static readonly string LocationResidentialCapacity = StructureDefinition("ror-location-residential-capacity");
        public static readonly string LocationEquipment = StructureDefinition("ror-location-equipment");
        public static readonly string LocationEquipmentLimit = StructureDefinition("ror-location-equipment-limit");
        public static readonly string ActType = StructureDefinition("ror-act-type");
        public static readonly string NoConsentHabilitation = StructureDefinition("ror-healthcareservice-no-consent-habilitation");
        public static readonly string OrganizationPrice = StructureDefinition("ror-organization-price");
        public static readonly string AccessibilityLocation = StructureDefinition("ror-organization-accessibility-location");
        public static readonly string FinancialHelpType = StructureDefinition("ror-organization-financial-help-type");
        public static readonly string AccomodationFamily = StructureDefinition("ror-organization-accomodation-family");
        public static readonly string NbPermanentSocialHelpPlace = StructureDefinition("ror-organization-nb-permanent-social-help-place");
        public static readonly string NbTemporarySocialHelpPlace = StructureDefinition("ror-organization-nb-temporary-social-help-place");
        public static readonly string OrganizationClosingType = StructureDefinition("ror-organization-closing-type");
        public static readonly string OrganizationReopeningDate = StructureDefinition("ror-organization-reopening-date");
        public static readonly string OrganizationComment = StructureDefinition("ror-organization-comment");
        /// <summary>HL7 core extension: opening (start) and closing (end) dates of an organisation.</summary>
        public const string OrganizationPeriod = "http://hl7.org/fhir/StructureDefinition/organization-period";
    }

    public static class Terminologies
    {
        public static readonly string StructureIdentifierTypes = Nos("TRE_G07", "TypeIdentifiantStructure");
        public static readonly string EstablishmentCategory = Nos("TRE_R66", "CategorieEtablissement");
        public static readonly string InternalOrganizationType = Nos("TRE_R207", "TypeOrganisationInterne");
        public static readonly string OfferIdentifierTypes = Nos("TRE_R355", "TypeIdentifiantOffre");
        public static readonly string LocationIdentifierTypes = Nos("TRE_R354", "TypeIdentifiantRessourceOperationnelle");
        public static readonly string ChampActivite = Nos("TRE_R227", "ChampActivite");
        public static readonly string ActiviteOperationnelle = Nos("TRE_R211", "ActiviteOperationnelle");
        public static readonly string ModePriseEnCharge = Nos("TRE_R213", "ModePriseEnCharge");
        public static readonly string CategorieOrganisation = Nos("TRE_R244", "CategorieOrganisation");
        public static readonly string PublicPrisEnCharge = Nos("TRE_R239", "PublicPrisEnCharge");
        public static readonly string TypeHoraire = Nos("TRE_R252", "TypeHoraire");
        public static readonly string Confidentiality = Nos("TRE_R283", "NiveauConfidentialite");
        public static readonly string NatureContact = Nos("TRE_R287", "NatureContact");
        public static readonly string CanalCommunication = Nos("TRE_R200", "CanalCommunication");
        public static readonly string TypeDivisionTerritoriale = Nos("TRE_R201", "TypeDivisionTerritoriale");
        public static readonly string TerritoireSante = Nos("TRE_R88", "TerritoireSante");
        public static readonly string FonctionLieu = Nos("TRE_R343", "FonctionLieu");
        public static readonly string StatutLieu = Nos("TRE_R203", "StatutLieu");
        public static readonly string Equipement = Nos("TRE_R212", "Equipement");
        public static readonly string TypeCaracteristiqueEquipement = Nos("TRE_R340", "TypeCaracteristiqueEquipement");
        public static readonly string TypeHabitation = Nos("TRE_R242", "TypeHabitation");
        public const string Ucum = "http://unitsofmeasure.org";
        public static readonly string TypeTarif = Nos("TRE_R246", "TypeTarif");
        public static readonly string UnitePrix = Nos("TRE_R228", "UnitePrix");
        public static readonly string ConditionTarifaire = Nos("TRE_R250", "ConditionTarifaire");
        public static readonly string NiveauDependance = Nos("TRE_R237", "GroupeTarifaireDependance");
        public static readonly string PrestationNonObligatoireIncluse = Nos("TRE_R264", "PrestationNonObligatoireIncluse");
        public static readonly string TemporaliteAccueil = Nos("TRE_R240", "TemporaliteAccueil");
        public static readonly string NiveauRecoursOrsan = Nos("TRE_R284", "NiveauRecoursORSAN");
        public static readonly string AccessibiliteLieu = Nos("TRE_R202", "AccessibiliteLieu");
        public static readonly string AideFinanciere = Nos("TRE_R241", "AideFinanciere");
        public static readonly string TypeFermeture = Nos("TRE_R286", "TypeFermeture");
        public static readonly string Commune = Nos("TRE_R13", "CommuneOM");
        public static readonly string Region = Nos("TRE_R30", "RegionOM");
        public static readonly string ActeSpecifique = Nos("TRE_R210", "ActeSpecifique");
        public static readonly string CompetenceSpecifique = Nos("TRE_R243", "CompetenceSpecifique");
        public static readonly string SpecialisationPriseEnCharge = Nos("TRE_R245", "SpecialisationDePriseEnCharge");
        /// <summary>Professions (JDV_J186 ProfessionRessource draws on TRE_G15).</summary>
        public static readonly string ProfessionRessource = Nos("TRE_G15", "ProfessionSante");
        public static readonly string ModaliteAccueil = Nos("TRE_R338", "ModaliteAccueil");
        public static readonly string ModeGestion = Nos("TRE_R236", "ModeGestion");
        public static readonly string OuvertureAnnuelle = Nos("TRE_R238", "OuvertureAnnuelle");
        /// <summary>Messaging types (TRE_R256): MSSANTE is the channel of an MSS mailbox in JDV_J225.</summary>
        public static readonly string TypeMessagerie = Nos("TRE_R256", "TypeMessagerie");
        /// <summary>The guide's own code system telling specific acts from acts outside the practice (ror-act-type).</summary>
        public static readonly string ActType = $"{Base}/CodeSystem/act-type-ror-codesystem";

        /// <summary>
        /// The code systems of the value sets drawing on several tables (JDV_J51 families, JDV_J227
        /// expertise levels, JDV_J186 resource professions), by table.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, string> ByTable = new Dictionary<string, string>
        {
            ["TRE_R266"] = Nos("TRE_R266", "FamilleActiviteOperationnelleHorsSerafin"),
            ["TRE_R265"] = Nos("TRE_R265", "PrestationPilotageSerafin"),
            ["TRE_R253"] = Nos("TRE_R253", "TypeMaternite"),
            ["TRE_R344"] = Nos("TRE_R344", "NiveauExpertise"),
            ["TRE_G15"] = ProfessionRessource,
            ["TRE_R94"] = Nos("TRE_R94", "ProfessionSocial"),
            ["TRE_R85"] = Nos("TRE_R85", "RolePriseCharge"),
            ["TRE_R96"] = Nos("TRE_R96", "AutreFonctionSanitaire"),
            ["TRE_R95"] = Nos("TRE_R95", "UsagerTitre"),
            ["TRE_R356"] = Nos("TRE_R356", "ProfessionRessource"),
        };

        /// <summary>Every code system of JDV_J186 (professions ressources).</summary>
        public static readonly IReadOnlyList<string> ProfessionRessourceSystems =
            ["TRE_G15", "TRE_R94", "TRE_R85", "TRE_R96", "TRE_R95", "TRE_R356"];
    }

    public static class Adxp
    {
        public const string HouseNumber = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber";
        public const string StreetNameType = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetNameType";
        public const string StreetNameBase = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetNameBase";
        public const string AdditionalLocator = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-additionalLocator";
    }

    /// <summary>The professionals: ror-practitioner and ror-practitionerrole, their identifier, extension and code systems.</summary>
    public static class Practitioners
    {
        public static readonly string PractitionerProfile = StructureDefinition("ror-practitioner");
        public static readonly string PractitionerRoleProfile = StructureDefinition("ror-practitionerrole");
        public static readonly string UnitExerciseMode = StructureDefinition("ror-practitionerrole-unit-exercise-mode");

        /// <summary>idNat_PS (CI-SIS): "8" and the RPPS number.</summary>
        public const string IdNatPsSystem = "urn:oid:1.2.250.1.71.4.2.1";
        public const string IdentifierTypes = "http://interopsante.org/fhir/CodeSystem/fr-v2-0203";

        public static readonly string ProfessionSante = Nos("TRE_G15", "ProfessionSante");
        public static readonly string ModeExercice = Nos("TRE_R23", "ModeExercice");
        public static readonly string TypeSavoirFaire = Nos("TRE_R04", "TypeSavoirFaire");
        public static readonly string SpecialiteOrdinale = Nos("TRE_R38", "SpecialiteOrdinale");

        /// <summary>The identity of exercise (civilité, nom, prénom d'exercice) and the role's comment.</summary>
        public static readonly string RoleName = StructureDefinition("ror-practitionerrole-name");
        public static readonly string MetaComment = StructureDefinition("ror-meta-comment");

        /// <summary>The Annuaire Santé's extensions the guide reuses on a role.</summary>
        public const string AnnuaireBase = "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition";
        public const string Contracted = AnnuaireBase + "/as-ext-practitionerrole-contracted";
        public const string HasCas = AnnuaireBase + "/as-ext-practitionerrole-hascas";
        public const string VitaleAccepted = AnnuaireBase + "/as-ext-practitionerrole-vitale-accepted";

        public static readonly string CiviliteExercice = Nos("TRE_R11", "CiviliteExercice");
        public static readonly string SecteurConventionnement = Nos("TRE_R282", "CNAMAmeliSecteurConventionnement");
        public static readonly string Competence = Nos("TRE_R39", "Competence");
        public static readonly string CompetenceExclusive = Nos("TRE_R40", "CompetenceExclusive");
        public static readonly string OrientationParticuliere = Nos("TRE_G13", "OrientationParticuliere");
        public static readonly string CapaciteSavoirFaire = Nos("TRE_R43", "CapaciteSavoirFaire");
        public static readonly string QualificationPac = Nos("TRE_R44", "QualificationPAC");
        public static readonly string DescNonQualifiant = Nos("TRE_R42", "DESCnonQualifiant");
        public static readonly string DroitExerciceCompl = Nos("TRE_R97", "DroitExerciceCompl");
    }
}
