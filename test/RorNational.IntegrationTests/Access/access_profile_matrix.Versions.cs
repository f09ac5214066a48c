using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Access;

/// <summary>
/// The matrix on what was hidden after it was published: a telecom raised to level 3 and a
/// unit flagged sensitive (with the lieu it alone uses), read now, in the version before, and
/// in the history; and searches on absence, which must not single out what a profile cannot see.
/// </summary>
public partial class access_profile_matrix
{
    private const string RaisedUO = "690000013-uo-raised";
    private const string LaterSensitiveUO = "690000013-uo-post-trauma";
    private const string LaterSensitiveLieu = "690000013-lieu-cmp";

    private sealed record VersionedDatum(string Value, string ResourceType, string Unit, string[] EntitledProfiles, string What);

    private static readonly VersionedDatum[] HiddenLater =
    [
        new("0478000001", "HealthcareService", RaisedUO, ["crisis"], "a telecom raised from level 1 to level 3"),
        new("Consultation post-traumatique", "HealthcareService", LaterSensitiveUO, ["crisis", "no-contacts"], "the name of a unit flagged sensitive later"),
        new("69G02", "HealthcareService", LaterSensitiveUO, ["crisis", "no-contacts"], "the sector of a unit flagged sensitive later"),
        new("CMP Les Tilleuls", "Location", LaterSensitiveLieu, ["crisis", "no-contacts"], "the name of the lieu of a unit flagged sensitive later"),
        new("VILLEURBANNE", "Location", LaterSensitiveLieu, ["crisis", "no-contacts"], "the address of the lieu of a unit flagged sensitive later"),
    ];

    private static readonly string[] VersionOperations = ["read", "vread 1", "history", "search"];

    private static IEnumerable<TestCaseData> VersionMatrix() =>
        from profile in AllProfiles
        from operation in VersionOperations
        select new TestCaseData(profile, operation).SetName($"{{m}}({profile}, {operation})");

    protected override async Task LoadMoreData()
    {
        await PlantProfessionals();
        await PublishStructure(Client, Lyon,
            ("lieu-cmp", new JsonObject
            {
                ["type"] = "Lieu",
                ["name"] = "CMP Les Tilleuls",
                ["lieu"] = new JsonObject
                {
                    ["function"] = "001",
                    ["idExterneSynchro"] = "PSY-CMP",
                    ["address"] = new JsonObject
                    {
                        ["houseNumber"] = "12", ["streetType"] = "RUE", ["streetName"] = "DES TILLEULS",
                        ["postalCode"] = "69100", ["city"] = "VILLEURBANNE", ["communeCog"] = "69266",
                    },
                    ["position"] = new JsonObject { ["latitude"] = 45.7667, ["longitude"] = 4.8800 },
                },
            }),
            ("uo-raised", LaterUO("Consultations de psychiatrie", "lieu-pavillon-n", OfferContent(telecomLevel: 1, sensitive: false))),
            ("uo-post-trauma", LaterUO("Consultation post-traumatique", "lieu-cmp", OfferContent(telecomLevel: 1, sensitive: false))));
        await Client.PutAsJsonAsync($"/api/establishments/{Lyon}/uo/uo-raised/content", OfferContent(telecomLevel: 3, sensitive: false)).EnsureOk();
        await Client.PutAsJsonAsync($"/api/establishments/{Lyon}/uo/uo-post-trauma/content", OfferContent(telecomLevel: 1, sensitive: true)).EnsureOk();
    }

    private static JsonObject LaterUO(string name, string lieu, JsonObject content) => new()
    {
        ["type"] = "UO",
        ["name"] = name,
        ["parentId"] = "uf-psy",
        ["uo"] = new JsonObject
        {
            ["champActivite"] = "01",
            ["activitesOperationnelles"] = new JsonArray("270"),
            ["modePriseEnCharge"] = "28",
            ["lieuIds"] = new JsonArray(lieu),
            ["content"] = content,
        },
    };

    private static JsonObject OfferContent(int telecomLevel, bool sensitive) => new()
    {
        ["publicPrisEnCharge"] = new JsonArray("01"),
        ["ageRange"] = new JsonObject { ["low"] = 18, ["high"] = 65 },
        ["sensitiveUnit"] = sensitive,
        ["psychiatricSectors"] = new JsonArray("69G02"),
        ["contacts"] = new JsonArray(new JsonObject
        {
            ["name"] = "Secrétariat", ["purpose"] = "06", ["confidentiality"] = 1,
            ["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "0478000001", ["confidentiality"] = telecomLevel }),
        }),
    };

    [TestCaseSource(nameof(VersionMatrix))]
    public async Task a_datum_hidden_later_is_hidden_in_every_version_from_the_profiles_not_entitled_to_it(string profile, string operation)
    {
        var client = ConsumerWith(profile);
        foreach (var datum in HiddenLater)
        {
            var id = Unit(datum.Unit);
            var path = operation switch
            {
                "read" => $"/fhir/{datum.ResourceType}/{id}",
                "vread 1" => $"/fhir/{datum.ResourceType}/{id}/_history/1",
                "history" => $"/fhir/{datum.ResourceType}/{id}/_history",
                _ => $"/fhir/{datum.ResourceType}?_id={id}",
            };
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
            var entitled = datum.EntitledProfiles.Contains(profile);
            Assert.That(body.Contains(datum.Value, StringComparison.Ordinal), Is.EqualTo(entitled),
                $"{profile} {(entitled ? "must" : "must not")} see {datum.What} through {operation}");
        }
    }

    [TestCase("HealthcareService?name:missing=true")]
    [TestCase("HealthcareService?_filter=not%20(name%20pr%20true)")]
    [TestCase("HealthcareService?_filter=name%20pr%20false")]
    [TestCase("Location?name:missing=true")]
    public async Task a_search_for_what_is_missing_does_not_single_out_what_is_hidden(string query)
    {
        // Every unit has a name: a hidden name is not a missing one.
        foreach (var profile in AllProfiles)
            Assert.That(await ConsumerWith(profile).GetStringAsync("/fhir/" + query), Does.Contain("\"total\":0"), profile);
    }

    [Test]
    public async Task a_sensitive_unit_is_neither_with_nor_without_a_sector_for_a_profile_that_cannot_see_it()
    {
        foreach (var profile in AllProfiles)
        {
            var entitled = profile is "crisis" or "no-contacts";
            var without = await MatchesAs(profile, "HealthcareService?psychiatric-sector:missing=true");
            var with = await MatchesAs(profile, "HealthcareService?psychiatric-sector:missing=false");
            var notSector = await MatchesAs(profile, "HealthcareService?_filter=not%20(psychiatric-sector%20eq%2069G01)");
            Assert.That(without, Does.Not.Contain(SensitiveUO).And.Contain(GynecologyUO), profile);
            Assert.That(with.Contains(SensitiveUO), Is.EqualTo(entitled), profile);
            Assert.That(notSector, Does.Not.Contain(SensitiveUO).And.Contain(GynecologyUO), profile);
        }
    }

    private async Task<List<string>> MatchesAs(string profile, string query)
    {
        var bundle = FhirJson.Parse<Bundle>(await ConsumerWith(profile).GetStringAsync($"/fhir/{query}&_count=100"));
        return bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id!).ToList();
    }
}
