using System.Net;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir;
using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Validation;

namespace RorNational.IntegrationTests.Samples;

/// <summary>
/// samples/load, the script build/run uses, run against the real host on a loopback port
/// with the clients of samples/clients.json: the samples are valid, and what they describe is
/// what FHIR then serves.
/// </summary>
public sealed class the_sample_data : ApiFixture
{
    protected override bool ServeOverLoopback => true;

    /// <summary>The clients build/run registers: the samples load as its loader client, which must have the rights they need.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Access:ClientsFile"] = Path.Combine(TestPostgres.RepositoryRoot(), "samples", "clients.json"),
    };

    protected override string DefaultClient => "samples-loader";

    [Test]
    public async Task load_through_the_public_api_and_are_published_as_fhir()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);

        var units = await Client.AllUnitIdsAsync();
        var hospital = FhirJson.Parse<HealthcareService>(
            await Client.GetStringAsync($"/fhir/HealthcareService/{units["010000024-uo-chirurgie-gynecologique-hc"]}"));
        Assert.That(hospital.ProvidedBy!.Reference, Is.EqualTo($"Organization/{units["010000024-uf-chirurgie-gynecologique"]}"));
        var ehpad = FhirJson.Parse<HealthcareService>(await Client.GetStringAsync($"/fhir/HealthcareService/{units["350002812-uo-hebergement-permanent"]}"));
        Assert.That(ehpad.Meta!.Tag.Single().Code, Is.EqualTo("53"), "Rennes is in Bretagne");
        var dayCare = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{units["2A0000261-lieu-accueil-de-jour"]}"));
        Assert.That(dayCare.Meta!.Tag.Select(t => t.Code), Is.EqualTo(new[] { "94", "04" }),
            "Ajaccio is in Corse, and the lieu serves a medico-social offer only");
        Assert.That((await Client.GetAsync("/fhir/Organization/ej-2A0000154")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task publish_critical_care_units_in_three_departements_of_two_regions()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);

        var units = await Client.AllUnitIdsAsync();
        var criticalCare = new Dictionary<string, (string Category, string Activity, string Region)>();
        foreach (var editorId in units.Keys.Where(id => id.Contains("-uo-reanimation") || id.Contains("-uo-usi")))
        {
            var uo = FhirJson.Parse<HealthcareService>(await Client.GetStringAsync($"/fhir/HealthcareService/{units[editorId]}"));
            criticalCare[editorId] = (uo.Category.Single().Coding.Single().Code!, uo.Specialty.Single().Coding.Single().Code!, uo.Meta!.Tag.Single().Code!);
        }
        (string, string, string) Unit(string editorId) => criticalCare[editorId];

        Assert.That(criticalCare, Has.Count.EqualTo(8));
        Assert.Multiple(() =>
        {
            Assert.That(Unit("010000024-uo-reanimation-polyvalente"), Is.EqualTo(("121", "127", "84")), "réanimation adulte, Ain");
            Assert.That(Unit("010000024-uo-usic"), Is.EqualTo(("262", "354", "84")), "USIC, Ain");
            Assert.That(Unit("010000024-uo-usinv"), Is.EqualTo(("263", "356", "84")), "USINV, Ain");
            Assert.That(Unit("010000024-uo-reanimation-neonatale"), Is.EqualTo(("287", "128", "84")), "réanimation néonatale, Ain");
            Assert.That(Unit("2A0000089-uo-reanimation-polyvalente"), Is.EqualTo(("121", "127", "94")), "réanimation adulte, Corse-du-Sud");
            Assert.That(Unit("2A0000089-uo-usic"), Is.EqualTo(("262", "354", "94")), "USIC, Corse-du-Sud");
            Assert.That(Unit("2B0000384-uo-reanimation-medicale"), Is.EqualTo(("121", "126", "94")), "réanimation adulte, Haute-Corse");
            Assert.That(Unit("2B0000384-uo-usinv"), Is.EqualTo(("263", "356", "94")), "USINV, Haute-Corse");
        });
    }

    [Test]
    public async Task push_the_suppliers_capacity_and_replace_it_when_loaded_again()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);
        var units = await Client.AllUnitIdsAsync();
        var first = await Capacity(units["010000024-lieu-reanimation"]);

        Clock.Now += TimeSpan.FromMinutes(10);
        (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);
        var again = await Capacity(units["010000024-lieu-reanimation"]);

        Assert.That(first.Indicators, Has.Count.EqualTo(6), "the réanimation's six indicators, by PATCH");
        Assert.That(first.Indicators, Does.Contain("01/01/-/-/-/-: 20"), "20 beds installed");
        Assert.That(first.Indicators, Does.Contain("06/01/-/-/03/-: 4"), "4 supplementary beds, mobilisable with staff");
        Assert.That(again.Indicators, Is.EqualTo(first.Indicators), "loaded again: replaced, not added");
        Assert.That(again.Version, Is.GreaterThan(first.Version), "replaced with newer dates: a new version");
        Assert.That((await Capacity(units["010000024-lieu-reanimation-neonatale"])).Indicators, Has.Count.EqualTo(6), "by transaction Bundle");
        Assert.That((await Capacity(units["2A0000089-lieu-reanimation"])).Indicators, Has.Count.EqualTo(6), "by the Corsican hub");
        Assert.That((await Capacity(units["2B0000384-lieu-usinv"])).Indicators, Has.Count.EqualTo(4));
        var ehpad = await Capacity(units["350002812-lieu-residence"]);
        Assert.That(ehpad.Indicators, Has.Count.EqualTo(5).And.Contain("01/01/-/-/-/-: 84"), "84 places installed");
        Assert.That(ehpad.Natures, Is.EqualTo(new[] { "02" }), "places, not beds");
    }

    [Test]
    public async Task the_consumer_s_equipment_and_residential_searches_of_requests_http_find_the_mri_and_the_ehpad()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);
        var units = await Client.AllUnitIdsAsync();
        var bundle = await RequestsHttpAsync("A consumer's equipment search");
        Assert.That(Matches(bundle), Is.EqualTo(new[] { units["010000024-uo-consultations-gynecologie"] }));
        Assert.That(bundle.Entry.Select(e => e.Resource!.Id), Does.Contain(units["010000024-lieu-consultations"]), "its lieu, included");

        Assert.That((await RequestsHttpAsync("Lieux with single rooms")).Entry.Select(e => e.Resource!.Id),
            Is.EqualTo(new[] { units["350002812-lieu-residence"] }));
    }

    /// <summary>Sends the request of samples/requests.http whose title starts so, with the loader's token; its Bundle.</summary>
    private async Task<Bundle> RequestsHttpAsync(string title)
    {
        var file = HttpFile.Read(Path.Combine(TestPostgres.RepositoryRoot(), "samples", "requests.http"));
        var values = new Dictionary<string, string>
        {
            ["base"] = Client.BaseAddress!.ToString().TrimEnd('/'),
            ["token"] = App.TokenFor(DefaultClient),
        };
        var (status, body) = await file.SendAsync(Client, file.Requests.Single(r => r.Title.StartsWith(title, StringComparison.Ordinal)), values);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        return FhirJson.Parse<Bundle>(body);
    }

    private static string[] Matches(Bundle bundle) =>
        bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id!).ToArray();

    [Test]
    public async Task the_consumer_s_characteristic_price_and_drop_zone_searches_of_requests_http_find_their_units_and_establishments()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);
        var units = await Client.AllUnitIdsAsync();
        async Task<string[]> MatchesOf(string title) => Matches(await RequestsHttpAsync(title));

        Assert.That(await MatchesOf("A consumer's specific-act search"), Is.EqualTo(new[] { units["010000024-uo-usic"] }));
        Assert.That(await MatchesOf("A consumer's specific-competence search"), Is.EqualTo(new[] { units["350002812-uo-hebergement-permanent"] }));
        Assert.That(await MatchesOf("Maternities of type 2"), Is.EqualTo(new[] { units["010000024-uo-chirurgie-gynecologique-hc"] }));
        Assert.That(await MatchesOf("A consumer's price search"), Is.EqualTo(new[] { units["350002812-uo-hebergement-permanent"] }),
            "the EHPAD's forfait approved for social help is under 65 euros");
        Assert.That(await MatchesOf("ST8 with what the price applies to"), Is.EqualTo(new[] { "eg-350002812" }));
        Assert.That(await MatchesOf("Establishments with a helicopter drop zone"), Is.EqualTo(new[] { "eg-010000024" }), "the loader reads as P1");
        var hospital = await Client.GetStringAsync("/fhir/Organization/eg-010000024");
        Assert.That(hospital, Does.Contain("/ror-organization-level-recours-orsan\"").And.Contain("/ror-organization-drop-zone\""));
        var ehpad = FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/eg-350002812"));
        Assert.That(ehpad.Extension.Count(e => e.Url!.EndsWith("/ror-organization-price", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    /// <summary>A Location's capacity indicators ("status/temporality/gender/closing/bed/crisis: count"), natures and version.</summary>
    private async Task<(List<string> Indicators, string[] Natures, int Version)> Capacity(string locationId)
    {
        var location = JsonNode.Parse(await Client.GetStringAsync($"/fhir/Location/{locationId}"))!;
        var records = (location["extension"]?.AsArray() ?? [])
            .Where(e => e!["url"]!.GetValue<string>().EndsWith("/ror-location-supported-capacity", StringComparison.Ordinal))
            .Select(e => e!["extension"]!.AsArray().ToDictionary(s => s!["url"]!.GetValue<string>(), s => s!))
            .ToList();
        string Code(Dictionary<string, JsonNode> record, string url) =>
            record.TryGetValue(url, out var sub) ? sub["valueCodeableConcept"]!["coding"]![0]!["code"]!.GetValue<string>() : "-";
        var indicators = records.Select(r =>
            $"{Code(r, "capacityStatus")}/{Code(r, "temporalityCapacity")}/{Code(r, "genderCapacityAvailable")}/{Code(r, "capacityClosingType")}/{Code(r, "additionalBedType")}/{Code(r, "crisisType")}: {r["nbCapacity"]!["valueInteger"]}")
            .Order().ToList();
        return (indicators, records.Select(r => Code(r, "capacityType")).Distinct().ToArray(), int.Parse(location["meta"]!["versionId"]!.GetValue<string>()));
    }

    [Test]
    public async Task every_resource_they_publish_is_valid_against_base_r4_and_the_ror_profiles()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);

        await using var session = App.Store.QuerySession();
        var resources = (await session.Query<OrganizationDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<HealthcareServiceDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<LocationDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<PractitionerDocument>().Select(d => d.Json).ToListAsync())
            .Concat(await session.Query<PractitionerRoleDocument>().Select(d => d.Json).ToListAsync())
            .ToList();
        var report = await new FhirValidator().ValidateAsync(resources);

        Assert.That(resources, Has.Count.EqualTo(68),
            "16 EJ, 19 EG, 3 pôle/service/UF, 13 UO, 13 lieux (8 of them critical care), 2 professionals and their 2 roles in the maison de santé");
        Assert.That(resources, Has.Some.Contains("/ror-location-equipment-limit").And.Some.Contains("/ror-location-residential-capacity"),
            "the hospital's MRI with its limits and the EHPAD's residential capacity are among them");
        Assert.That(resources, Has.Some.Contains("/ror-act-type").And.Some.Contains("TRE_R243-CompetenceSpecifique").And.Some.Contains("TRE_R253-TypeMaternite"),
            "the USIC's specific act, the EHPAD's specific competence and the maternity's expertise level are among them");
        Assert.That(resources, Has.Some.Contains("/ror-organization-price").And.Some.Contains("/ror-organization-drop-zone"),
            "the EHPAD's prices and the hospital's drop zone are among them");
        Assert.That(report.Summary.Resources, Is.EqualTo(resources.Count));
        Assert.That(report.Errors, Is.Empty, report.ToString());
    }
}
