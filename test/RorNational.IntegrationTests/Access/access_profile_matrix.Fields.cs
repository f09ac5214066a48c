using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Practitioners;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The matrix on the policy's rules by champ d'activité (TRE_R227): a professional's role is
/// shown to the public (P0) in the ville offer only (05), and to medico-social professionals
/// (P3) in the medico-social field (04) or the ville offer; a lieu's telecom is shown to P0 for
/// ambulatory lieux only (those of the ville offer), and to P3 for medico-social or ambulatory
/// lieux. Planted here: a role in a hospital consultation (MCO, 01) and a role in the EHPAD
/// (04), beside the samples' maison de santé (05); the samples' lieux each have a level-1
/// telecom. Through every way a role or a lieu is served, and a search on the hidden role.
/// </summary>
public partial class access_profile_matrix
{
    private const string HospitalDoctor = "10100000118";
    private const string EhpadDoctor = "10100000126";
    private const string HospitalRoleUO = "010000024-uo-cs-matrix-mco";
    private const string EhpadRoleUO = "350002812-uo-matrix-medecin";

    private static readonly string[] EveryoneButContacts = ["public", "crisis", "professional", "medico-social", "installed-capacity"];
    private static readonly string[] Everyone = [.. EveryoneButContacts, "no-contacts"];

    /// <summary>A role's datum (by its UO and RPPS) and the profiles entitled to it.</summary>
    private sealed record FieldRoleDatum(string UO, string Rpps, string Marker, string Search, string[] EntitledProfiles, string What);

    private static readonly FieldRoleDatum[] FieldRoles =
    [
        new(HospitalRoleUO, HospitalDoctor, "SM26", "specialty=SM26",
            ["crisis", "professional", "no-contacts", "installed-capacity"], "a role in a hospital's (MCO) offer"),
        new(EhpadRoleUO, EhpadDoctor, "SM53", "specialty=SM53",
            ["crisis", "professional", "medico-social", "no-contacts", "installed-capacity"], "a role in a medico-social offer"),
        new("010009876-uo-soins-de-ville", "10101234567", "SM54", "specialty=SM54",
            Everyone, "a role in the ville offer"),
    ];

    /// <summary>A lieu's own level-1 telecom, an offer the lieu serves, and the profiles entitled to it.</summary>
    private sealed record FieldLieuDatum(string Lieu, string Offer, string Telecom, string[] EntitledProfiles, string What);

    private static readonly FieldLieuDatum[] FieldLieux =
    [
        new("010000024-lieu-consultations", "010000024-uo-consultations-gynecologie", "0474450123",
            ["crisis", "professional", "installed-capacity"], "the telecom of a hospital's lieu"),
        new("350002812-lieu-residence", "350002812-uo-hebergement-permanent", "0299543200",
            ["crisis", "professional", "medico-social", "installed-capacity"], "the telecom of a medico-social lieu"),
        new("010009876-lieu-cabinets", "010009876-uo-soins-de-ville", "0474325560",
            EveryoneButContacts, "the telecom of an ambulatory lieu"),
    ];

    private static readonly string[] FieldOperations = ["read", "vread", "history", "search", "include", "search on it"];

    private static IEnumerable<TestCaseData> FieldMatrix() =>
        from profile in AllProfiles
        from operation in FieldOperations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    /// <summary>Planted beside the samples (called by LoadMoreData).</summary>
    private async Task PlantRolesOfEveryField()
    {
        await Client.RecordPractitioner(HospitalDoctor, PractitionerRequests.Identity("ROLLIN-MATRIX")).EnsureOk();
        await Client.RecordPractitioner(EhpadDoctor, PractitionerRequests.Identity("MARCHAL-MATRIX")).EnsureOk();
        await PublishStructure(Client, "eg-010000024", ("uo-cs-matrix-mco",
            OfferWith("Consultations de rhumatologie", "01", "022", "32", "lieu-consultations", PractitionerRequests.Role(HospitalDoctor, "10", "SM26"))));
        await PublishStructure(Client, "eg-350002812", ("uo-matrix-medecin",
            OfferWith("Suivi médical des résidents", "04", "439", "46", "lieu-residence", PractitionerRequests.Role(EhpadDoctor, "10", "SM53"))));
    }

    private static JsonObject OfferWith(string name, string field, string activity, string careMode, string lieu, JsonObject role) => new()
    {
        ["type"] = "UO",
        ["name"] = name,
        ["uo"] = new JsonObject
        {
            ["champActivite"] = field,
            ["activitesOperationnelles"] = new JsonArray(activity),
            ["modePriseEnCharge"] = careMode,
            ["lieuIds"] = new JsonArray(lieu),
            ["content"] = PractitionerRequests.Content(sensitive: false, role),
        },
    };

    [TestCaseSource(nameof(FieldMatrix))]
    public async Task a_profile_is_served_and_matched_a_role_by_its_offer_s_field(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in FieldRoles)
        {
            var id = Unit($"{datum.UO}-{datum.Rpps}");
            var path = operation switch
            {
                "read" => $"/fhir/PractitionerRole/{id}",
                "vread" => $"/fhir/PractitionerRole/{id}/_history/1",
                "history" => $"/fhir/PractitionerRole/{id}/_history",
                "search" => $"/fhir/PractitionerRole?_id={id}",
                "include" => $"/fhir/HealthcareService?_id={Unit(datum.UO)}&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner",
                _ => $"/fhir/PractitionerRole?_id={id}&{datum.Search}&role=10&active=true",
            };
            var body = await Ok(client, path);
            var entitled = datum.EntitledProfiles.Contains(profile);
            if (operation == "search on it")
                Assert.That(JsonNode.Parse(body)!["total"]!.GetValue<int>(), Is.EqualTo(entitled ? 1 : 0),
                    $"{profile} {(entitled ? "must" : "must not")} match {datum.What}");
            else
                Assert.That(body.Contains($"\"{datum.Marker}\"", StringComparison.Ordinal), Is.EqualTo(entitled),
                    $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
            if (operation == "include")
                Assert.That(body.Contains($"practitioner-{datum.Rpps}", StringComparison.Ordinal), Is.EqualTo(entitled),
                    $"{profile}: the include of the professional tells whether the role is there");
        }
    }

    [TestCaseSource(nameof(FieldMatrix))]
    public async Task a_profile_is_served_a_lieu_s_telecom_by_the_lieu_s_field(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in FieldLieux)
        {
            var lieu = Unit(datum.Lieu);
            var path = operation switch
            {
                "read" => $"/fhir/Location/{lieu}",
                "vread" => $"/fhir/Location/{lieu}/_history/1",
                "history" => $"/fhir/Location/{lieu}/_history",
                "search" => $"/fhir/Location?_id={lieu}",
                "include" => $"/fhir/HealthcareService?_id={Unit(datum.Offer)}&_include=HealthcareService:location",
                // No parameter reads a lieu's telecoms: its other content stays searchable.
                _ => $"/fhir/Location?_id={lieu}&address-city:contains=E",
            };
            var body = await Ok(client, path);
            var entitled = datum.EntitledProfiles.Contains(profile);
            if (operation == "search on it")
                Assert.That(JsonNode.Parse(body)!["total"]!.GetValue<int>(), Is.EqualTo(1), $"{profile}: {datum.What} hides the telecom only");
            else
                Assert.That(body.Contains(datum.Telecom, StringComparison.Ordinal), Is.EqualTo(entitled),
                    $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
        }
    }

    private static async Task<string> Ok(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
        return body;
    }
}
