using System.Text.Json.Nodes;
using RorNational.Fhir.Ror;
using E = RorNational.Fhir.Ror.RorCanonical.Extensions;

namespace RorNational.Fhir.Access;

/// <summary>
/// The data classes of each element of a published resource (its JSON), by the national
/// ROR's access policy: an element has its own classes and those of every element around it
/// (a telecom of a level-2 contact is level 2). The one place that says what is what; both
/// the renderings served to a profile and the search index follow it.
/// </summary>
public static class ElementClassification
{
    private static readonly Dictionary<string, DataClass> ByExtensionUrl = new()
    {
        [E.HealthcareServiceContact] = DataClass.Contact,
        [E.LevelRecourseOrsan] = DataClass.CrisisManagement,
        [E.DropZone] = DataClass.CrisisManagement,
        [E.LocationEquipment] = DataClass.Equipment,
        [E.LocationResidentialCapacity] = DataClass.Capacity,
    };

    private static readonly HashSet<string> ConfidentialityUrls =
        [E.ConfidentialityLevel, E.ContactConfidentialityLevel, E.TelecomConfidentialityLevel];

    /// <summary>Offer characteristics told apart by their code system: specific acts and competences, specialisations, professions.</summary>
    private static readonly HashSet<string> SpecificCompetenceSystems =
    [
        RorCanonical.Terminologies.ActeSpecifique,
        RorCanonical.Terminologies.CompetenceSpecifique,
        RorCanonical.Terminologies.SpecialisationPriseEnCharge,
        RorCanonical.Terminologies.ProfessionRessource,
        // Resource professions come from every table of JDV_J186, not only TRE_G15.
        .. RorCanonical.Terminologies.ProfessionRessourceSystems.Select(table => RorCanonical.Terminologies.ByTable[table]),
    ];

    /// <summary>Top-level elements every profile sees, even of a sensitive unit.</summary>
    private static readonly HashSet<string> Metadata = ["resourceType", "id", "meta"];

    private const string MedicoSocialField = "04";
    private const string InstalledCapacity = "01";
    private const string SupplementaryCapacity = "06";

    /// <summary>The classes every element of the resource has: its setting (medico-social or not).</summary>
    public static DataClass ContextOf(JsonObject resource) => resource["resourceType"]?.GetValue<string>() switch
    {
        "HealthcareService" when Codes(resource["type"], RorCanonical.Terminologies.ChampActivite).Contains(MedicoSocialField) => DataClass.None,
        // A lieu of medico-social offers only is tagged so (Publishing.MedicoSocialLieux).
        "Location" when resource["meta"]?["tag"] is JsonArray tags && tags.OfType<JsonObject>().Any(tag =>
            tag["system"]?.GetValue<string>() == RorCanonical.Terminologies.ChampActivite && tag["code"]?.GetValue<string>() == MedicoSocialField) => DataClass.None,
        _ => DataClass.OutsideMedicoSocial,
    };

    /// <summary>
    /// The classes any content element of the resource has, so also the classes of the
    /// absence of an element: its setting, and <see cref="DataClass.SensitiveUnit"/> for a
    /// sensitive unit (a profile that hides its content cannot tell what it lacks either).
    /// </summary>
    public static DataClass ContentOf(JsonObject resource) =>
        ContextOf(resource) | (IsSensitiveUnit(resource) ? DataClass.SensitiveUnit : DataClass.None);

    /// <summary>
    /// The classes of each top-level element of a resource, read once before anything is
    /// removed (a sensitive unit's flag is itself one of the elements).
    /// </summary>
    public static Func<string, DataClass> TopLevelOf(JsonObject resource)
    {
        var context = ContextOf(resource);
        var sensitive = IsSensitiveUnit(resource);
        return name =>
        {
            var classes = context | (name is "contact" or "telecom" ? DataClass.Contact : DataClass.None);
            if (sensitive && !Metadata.Contains(name)) classes |= DataClass.SensitiveUnit;
            return classes;
        };
    }

    /// <summary>The classes an element (any JSON value below the top level) has of its own.</summary>
    public static DataClass OfElement(string? propertyName, JsonNode? element)
    {
        if (element is not JsonObject item) return DataClass.None;
        var classes = DataClass.None;
        if (item["url"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var url = item["url"]!.GetValue<string>();
            classes |= ByExtensionUrl.GetValueOrDefault(url);
            if (url == E.LocationSupportedCapacity) classes |= CapacityClasses(item);
        }
        if (item["extension"] is JsonArray extensions)
            foreach (var extension in extensions.OfType<JsonObject>())
                if (extension["url"]?.GetValue<string>() is { } url && ConfidentialityUrls.Contains(url))
                    classes |= LevelOf(Codes(extension["valueCodeableConcept"], RorCanonical.Terminologies.Confidentiality));
        // An offer's characteristics, and a professional's role's specialties (its specific competences).
        if (propertyName is "characteristic" or "specialty" && Systems(item).Any(SpecificCompetenceSystems.Contains))
            classes |= DataClass.SpecificCompetence;
        return classes;
    }

    /// <summary>Whether an element carries a confidentiality level of its own (a contact, a telecom).</summary>
    public static bool CarriesConfidentialityLevel(JsonObject item) =>
        item["extension"] is JsonArray extensions && extensions.OfType<JsonObject>()
            .Any(e => e["url"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && ConfidentialityUrls.Contains(e["url"]!.GetValue<string>()));

    private static DataClass CapacityClasses(JsonObject capacity)
    {
        var status = (capacity["extension"] as JsonArray)?.OfType<JsonObject>()
            .Where(e => e["url"]?.GetValue<string>() == "capacityStatus")
            .SelectMany(e => Codes(e["valueCodeableConcept"], system: null)).FirstOrDefault();
        var classes = DataClass.Capacity;
        if (status != InstalledCapacity) classes |= DataClass.OperationalCapacity;
        if (status == SupplementaryCapacity) classes |= DataClass.SupplementaryCapacity;
        return classes;
    }

    private static DataClass LevelOf(IEnumerable<string> codes) => codes.Aggregate(DataClass.None, (classes, code) => classes | code switch
    {
        "2" => DataClass.ConfidentialityLevel2,
        "3" => DataClass.ConfidentialityLevel3,
        _ => DataClass.None,
    });

    /// <summary>Whether a top-level element is metadata (id, meta...), which every profile sees.</summary>
    public static bool IsMetadata(string topLevelName) => Metadata.Contains(topLevelName);

    /// <summary>
    /// Whether everything of a resource beyond its metadata is <see cref="DataClass.SensitiveUnit"/>:
    /// a unit flagged sensitive, or a lieu labelled as serving sensitive units only.
    /// </summary>
    public static bool IsSensitiveUnit(JsonObject resource) => resource["resourceType"]?.GetValue<string>() switch
    {
        "HealthcareService" => resource["extension"] is JsonArray extensions && extensions.OfType<JsonObject>().Any(e =>
            e["url"]?.GetValue<string>() == E.SensitiveUnit
            && e["valueBoolean"]?.GetValueKind() == System.Text.Json.JsonValueKind.True),
        // A lieu of sensitive units only, or a professional's role in a sensitive unit, is labelled so.
        "Location" or "PractitionerRole" => resource["meta"]?["security"] is JsonArray labels && labels.OfType<JsonObject>().Any(label =>
            label["system"]?.GetValue<string>() == RorDatatypes.ConfidentialitySystem
            && label["code"]?.GetValue<string>() == RorDatatypes.SensitiveUnitsOnly().Code),
        _ => false,
    };

    /// <summary>The codes of a CodeableConcept, or of an array of them, in a code system (any when null).</summary>
    private static IEnumerable<string> Codes(JsonNode? concepts, string? system) =>
        Concepts(concepts).SelectMany(c => c["coding"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(coding => system is null || coding["system"]?.GetValue<string>() == system)
            .Select(coding => coding["code"]?.GetValue<string>()).OfType<string>();

    private static IEnumerable<string> Systems(JsonObject concept) =>
        (concept["coding"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["system"]?.GetValue<string>()).OfType<string>();

    private static IEnumerable<JsonObject> Concepts(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject concept => [concept],
        _ => [],
    };
}
