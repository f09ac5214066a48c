using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Practitioners;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The matrix on the professionals of the samples' maison de santé (010009876), by the national
/// policy: a role's telecom and a professional's MSS mailbox by their level (contacts: never P4),
/// and a role in a sensitive unit (planted here: a psychiatrist in a sensitive ville UO) for P1
/// and P4 only, its professional never revealed by an include to the others. Through every way a
/// Practitioner or a PractitionerRole is served, and a search on the hidden role.
/// </summary>
public partial class access_profile_matrix
{
    private const string MatrixPsychiatrist = "10100000092";
    private const string MatrixSensitiveUO = "010009876-uo-psy-matrix";

    /// <summary>A datum of a professional or a role: where it is, the text that shows it, who may see it.</summary>
    private sealed record ProfessionalDatum(string Type, string Key, string Marker, string[] EntitledProfiles, string What);

    private static readonly ProfessionalDatum[] ProfessionalData =
    [
        new("PractitionerRole", "010009876-uo-soins-de-ville-10101234567", "0474325567",
            ["crisis", "professional", "installed-capacity"], "a level-2 telecom of a role outside medico-social"),
        new("PractitionerRole", "010009876-uo-soins-de-ville-10107654321", "0474325568",
            ["public", "crisis", "professional", "medico-social", "installed-capacity"], "a level-1 telecom of a role"),
        new("PractitionerRole", $"{MatrixSensitiveUO}-{MatrixPsychiatrist}", "SM42",
            ["crisis", "no-contacts"], "the specialty of a role in a sensitive unit"),
        new("Practitioner", "practitioner-10101234567", "claire.berthier@",
            ["crisis", "professional", "installed-capacity"], "a level-2 MSS mailbox"),
        new("Practitioner", "practitioner-10107654321", "julien.favier@",
            ["public", "crisis", "professional", "medico-social", "installed-capacity"], "a level-1 MSS mailbox"),
    ];

    private static readonly string[] ProfessionalOperations = ["read", "vread", "history", "search", "include"];

    private static IEnumerable<TestCaseData> ProfessionalMatrix() =>
        from profile in AllProfiles
        from operation in ProfessionalOperations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    /// <summary>Planted beside the samples (called by LoadMoreData).</summary>
    private async Task PlantProfessionals()
    {
        await Client.RecordPractitioner(MatrixPsychiatrist, PractitionerRequests.Identity("VALLIER-MATRIX")).EnsureOk();
        await PublishStructure(Client, "eg-010009876", ("uo-psy-matrix",
            PractitionerRequests.VilleUO("Psychiatrie de ville", sensitive: true, PractitionerRequests.Role(MatrixPsychiatrist, "10", "SM42"))));
    }

    [TestCaseSource(nameof(ProfessionalMatrix))]
    public async Task a_profile_is_served_exactly_the_professionals_data_it_is_entitled_to(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in ProfessionalData)
        {
            var id = datum.Type == "Practitioner" ? datum.Key : Unit(datum.Key);
            var path = operation switch
            {
                "read" => $"/fhir/{datum.Type}/{id}",
                "vread" => $"/fhir/{datum.Type}/{id}/_history/1",
                "history" => $"/fhir/{datum.Type}/{id}/_history",
                "search" => $"/fhir/{datum.Type}?_id={id}",
                _ when datum.Type == "Practitioner" => $"/fhir/PractitionerRole?practitioner=Practitioner/{id}&_include=PractitionerRole:practitioner",
                _ => $"/fhir/HealthcareService?_id={Unit(datum.Key[..datum.Key.LastIndexOf('-')])}&_revinclude=PractitionerRole:service",
            };
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
            var entitled = datum.EntitledProfiles.Contains(profile);
            Assert.That(body.Contains(datum.Marker, StringComparison.Ordinal), Is.EqualTo(entitled),
                $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
        }
    }

    [Test]
    public async Task a_role_in_a_sensitive_unit_is_matched_and_its_professional_included_only_for_the_profiles_that_see_it()
    {
        foreach (var profile in AllProfiles)
        {
            var entitled = profile is "crisis" or "no-contacts";
            var client = ConsumerWith(profile);
            var search = await client.GetFromJsonAsync<JsonObject>("/fhir/PractitionerRole?role=10&specialty=SM42");
            var tail = await client.GetStringAsync(
                $"/fhir/HealthcareService?_id={Unit(MatrixSensitiveUO)}&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner");

            Assert.That(search!["total"]!.GetValue<int>(), Is.EqualTo(entitled ? 1 : 0), profile);
            Assert.That(tail.Contains("VALLIER-MATRIX", StringComparison.Ordinal), Is.EqualTo(entitled),
                $"{profile}: the include of the professional tells whether the hidden role exists");
        }
    }
}
