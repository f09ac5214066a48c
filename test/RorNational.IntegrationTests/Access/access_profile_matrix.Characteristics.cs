using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The matrix on a UO's characteristics, planted in the samples, by the national policy: specific
/// acts and competences, care specialisations and resource professions (SpecificCompetence) for
/// P1, P2, P4, P5, and P3 in the medico-social field only (the hospital's USIC is outside it, the
/// EHPAD in it), never P0; the other characteristic slices (a maternity's expertise level) are
/// free access; an MSS mailbox is a telecom with its own level (level 2 outside medico-social:
/// P1, P2, P5). Through every way a HealthcareService is served, and every way a search could
/// match what the profile may not see.
/// </summary>
public partial class access_profile_matrix
{
    private const string Acts = "https://mos.esante.gouv.fr/NOS/TRE_R210-ActeSpecifique/FHIR/TRE-R210-ActeSpecifique";
    private const string Competences = "https://mos.esante.gouv.fr/NOS/TRE_R243-CompetenceSpecifique/FHIR/TRE-R243-CompetenceSpecifique";
    private const string MaternityTypes = "https://mos.esante.gouv.fr/NOS/TRE_R253-TypeMaternite/FHIR/TRE-R253-TypeMaternite";

    private sealed record CharacteristicDatum(string Offer, string Lieu, string Marker, string? Search, string? Filter, string[] EntitledProfiles, string What);

    private static readonly CharacteristicDatum[] CharacteristicData =
    [
        new("010000024-uo-usic", "010000024-lieu-usic", "TRE_R210-ActeSpecifique", $"characteristic={Acts}|0630", "characteristic eq 0630",
            ["crisis", "professional", "no-contacts", "installed-capacity"], "a specific act (echocardiography) outside the medico-social field"),
        new("010000024-uo-usic", "010000024-lieu-usic", "/ror-act-type", null, null,
            ["crisis", "professional", "no-contacts", "installed-capacity"], "the act type telling a specific act from an outside-office act"),
        new("350002812-uo-hebergement-permanent", "350002812-lieu-residence", "TRE_R243-CompetenceSpecifique", $"specific-competence={Competences}|01", "specific-competence eq 01",
            ["crisis", "professional", "medico-social", "no-contacts", "installed-capacity"], "a specific competence in the medico-social field"),
        new(Gynecology, "010000024-lieu-femme-enfant-2", "TRE_R253-TypeMaternite", $"characteristic={MaternityTypes}|03", "characteristic eq 03",
            ["public", "crisis", "professional", "medico-social", "no-contacts", "installed-capacity"], "a maternity's expertise level (free access)"),
        new("010000024-uo-usic", "010000024-lieu-usic", "usic.fleyriat@ch-bourg.mssante.fr", null, null,
            ["crisis", "professional", "installed-capacity"], "a level-2 MSS mailbox outside the medico-social field (a telecom: not for P4)"),
    ];

    private static readonly string[] CharacteristicOperations = ["read", "search", "include", "search on it", "chained search on it", "_filter on it"];

    private static IEnumerable<TestCaseData> CharacteristicMatrix() =>
        from profile in AllProfiles
        from operation in CharacteristicOperations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    [TestCaseSource(nameof(CharacteristicMatrix))]
    public async Task a_profile_is_served_and_matched_exactly_the_characteristics_it_is_entitled_to(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in CharacteristicData)
        {
            var (offer, lieu) = (Unit(datum.Offer), Unit(datum.Lieu));
            var entitled = datum.EntitledProfiles.Contains(profile);
            var searched = operation.EndsWith("on it", StringComparison.Ordinal);
            if (datum.Search is null && searched) continue;
            var path = operation switch
            {
                "read" => $"/fhir/HealthcareService/{offer}",
                "search" => $"/fhir/HealthcareService?_id={offer}",
                "include" => $"/fhir/Location?_id={lieu}&_revinclude=HealthcareService:location",
                "search on it" => $"/fhir/HealthcareService?_id={offer}&{datum.Search}",
                "chained search on it" => $"/fhir/Location?_id={lieu}&_has:HealthcareService:location:{datum.Search}",
                _ => $"/fhir/HealthcareService?_id={offer}&_filter=" + Uri.EscapeDataString(datum.Filter!),
            };
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
            if (searched)
                Assert.That(JsonNode.Parse(body)!["total"]!.GetValue<int>(), Is.EqualTo(entitled ? 1 : 0),
                    $"{profile} {(entitled ? "must" : "must not")} match on {datum.What} through {operation}");
            else
                Assert.That(body.Contains(datum.Marker, StringComparison.Ordinal), Is.EqualTo(entitled),
                    $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
        }
    }
}
