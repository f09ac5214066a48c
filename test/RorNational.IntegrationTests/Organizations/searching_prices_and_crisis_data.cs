using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Search;
using RorNational.IntegrationTests.Validation;

namespace RorNational.IntegrationTests.Organizations;

/// <summary>
/// The guide's Organization parameters on real data: the price-* parameters and special-price
/// (one price must hold every price criterion of a search: ST8), drop-zone, closing-type,
/// period-end and oi-name, directly, chained from HealthcareService and in _filter, and the
/// sort on the prices' validity. The data: the samples (the EHPAD's forfaits socle hébergement
/// at 68.52 and 61.30 euros from 2026, the CH de Fleyriat's drop zone) and, patched here, the
/// Lyon hospital (a forfait socle at 80 euros and a cheap day-care price at 30: never a forfait
/// under 65; a dependency price; a foreseen closure) and the Corsican day care (a forfait socle
/// at 55 euros from 2024).
/// </summary>
public sealed class searching_prices_and_crisis_data : SearchFixture
{
    private const string TypeTarif = "https://mos.esante.gouv.fr/NOS/TRE_R246-TypeTarif/FHIR/TRE-R246-TypeTarif";
    private const string Ehpad = "eg-350002812";
    private const string DayCare = "eg-2A0000261";
    private const string Hospital = "eg-010000024";

    private const string St8 = $"organization.price-type={TypeTarif}|02&organization.price-amount-value=lt65";

    protected override async Task LoadMoreData()
    {
        await Patch(Lyon, """
            { "prices": [
                { "type": "02", "unit": "2", "amount": 80, "validFrom": "2025-01-01", "residentialType": "01" },
                { "type": "05", "unit": "2", "amount": 30, "validFrom": "2025-01-01" },
                { "type": "03", "unit": "2", "amount": 21.4, "validFrom": "2025-01-01", "dependencyLevel": "01", "welcomeType": "02" } ],
              "closingType": "PRE", "closingDate": "2027-06-30" }
            """);
        await Patch(DayCare, """{ "prices": [ { "type": "02", "unit": "2", "amount": 55, "validFrom": "2024-01-01" } ] }""");
    }

    private async Task Patch(string eg, string patch) =>
        await Client.PatchAsync($"/api/establishments/{eg}", new StringContent(patch, Encoding.UTF8, "application/merge-patch+json")).EnsureOk();

    [Test]
    public async Task the_guide_s_st8_scenario_finds_the_offers_whose_establishment_has_a_forfait_under_65_latest_first()
    {
        var matches = await Matches($"HealthcareService?{St8}&_sort=-organization.price-validity-start-date");

        Assert.That(matches, Is.EqualTo(new[] { EhpadUO, DayCareUO }), "the EHPAD's prices start in 2026, the day care's in 2024");
        Assert.That(await Matches($"HealthcareService?{St8}&_sort=organization.price-validity-start-date"), Is.EqualTo(new[] { DayCareUO, EhpadUO }));
    }

    [Test]
    public async Task price_criteria_hold_on_one_price()
    {
        var matches = await Matches($"Organization?price-type={TypeTarif}|02&price-amount-value=lt65&_sort=-price-validity-start-date");

        Assert.That(matches, Is.EqualTo(new[] { Ehpad, DayCare }),
            "Lyon has a forfait socle (80 euros) and a price of 30 euros, but on its day care: criteria hold on one price");
        Assert.That(await Matches($"Organization?_id={Lyon}&price-type=02&price-amount-value=80"), Is.EqualTo(new[] { Lyon }));
    }

    [Test]
    public async Task price_criteria_joined_by_filter_hold_on_one_price_too()
    {
        var filter = Uri.EscapeDataString("price-type eq 02 and price-amount-value lt 65");

        Assert.That(await Matches($"Organization?_filter={filter}&_sort=price-validity-start-date"), Is.EqualTo(new[] { DayCare, Ehpad }));
        var chained = Uri.EscapeDataString("organization.price-type eq 02 and organization.price-amount-value lt 65");
        Assert.That((await Matches($"HealthcareService?_filter={chained}")).Order(), Is.EqualTo(new[] { EhpadUO, DayCareUO }.Order()));
    }

    [TestCase("price-unit=https://mos.esante.gouv.fr/NOS/TRE_R228-UnitePrix/FHIR/TRE-R228-UnitePrix|2", true)]
    [TestCase("price-unit=3", false)]
    [TestCase("price-amount-value=61.30", true)]
    [TestCase("price-amount-value=ge100", false)]
    [TestCase("price-validity-start-date=2026-01-01", true)]
    [TestCase("price-validity-start-date=lt2026", false)]
    [TestCase("price-residential-type=https://mos.esante.gouv.fr/NOS/TRE_R242-TypeHabitation/FHIR/TRE-R242-TypeHabitation|02", true)]
    [TestCase("price-residential-type=01", false)]
    [TestCase("price-welcome-type=https://mos.esante.gouv.fr/NOS/TRE_R240-TemporaliteAccueil/FHIR/TRE-R240-TemporaliteAccueil|01", true)]
    [TestCase("special-price=https://mos.esante.gouv.fr/NOS/TRE_R250-ConditionTarifaire/FHIR/TRE-R250-ConditionTarifaire|02&price-amount-value=lt62", true)]
    [TestCase("special-price=02&price-amount-value=gt62", false)]
    [TestCase("price-dependency-level:missing=false", false)]
    [TestCase("price-type:missing=true", false)]
    public async Task the_ehpad_is_found_by_each_price_parameter_directly_and_chained(string criteria, bool found)
    {
        Assert.That(await Matches($"Organization?_id={Ehpad}&{criteria}"), found ? Is.EqualTo(new[] { Ehpad }) : Is.Empty, criteria);
        var chained = string.Join("&", criteria.Split('&').Select(c => "organization." + c));
        Assert.That(await Matches($"HealthcareService?_id={EhpadUO}&{chained}"), found ? Is.EqualTo(new[] { EhpadUO }) : Is.Empty, chained);
    }

    [Test]
    public async Task a_dependency_price_is_found_by_its_level_and_welcome_type_on_the_same_price()
    {
        Assert.That(await Matches("Organization?price-dependency-level=01&price-welcome-type=02&price-type=03"), Is.EqualTo(new[] { Lyon }));
        Assert.That(await Matches("Organization?price-dependency-level=01&price-type=02"), Is.Empty, "the level is on the dependency price");
    }

    [Test]
    public async Task the_sort_on_price_validity_pages_through_every_match_once()
    {
        var ids = new List<string>();
        var next = "/fhir/Organization?price-type:missing=false&_sort=-price-validity-start-date&_count=1";
        while (next is not null)
        {
            var page = await Client.GetFromJsonAsync<JsonObject>(next);
            ids.AddRange(page!["entry"]?.AsArray().Select(e => e!["resource"]!["id"]!.GetValue<string>()) ?? []);
            next = page["link"]!.AsArray().FirstOrDefault(l => l!["relation"]!.GetValue<string>() == "next")?["url"]!.GetValue<string>();
        }

        Assert.That(ids, Is.EqualTo(new[] { Ehpad, Lyon, DayCare }), "2026, 2025, 2024");
    }

    [Test]
    public async Task a_sort_on_prices_of_a_resource_without_prices_is_refused_naming_sort()
    {
        var (status, outcome) = await Refused("HealthcareService?_sort=price-validity-start-date");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("organization.price-validity-start-date"));
    }

    [Test]
    public async Task the_drop_zone_closing_type_period_end_and_oi_name_find_their_organizations()
    {
        Assert.That(await Matches("Organization?drop-zone=true"), Is.EqualTo(new[] { Hospital }));
        Assert.That(await Matches("HealthcareService?organization:above.drop-zone=true"), Does.Contain(GynecologyUO).And.Not.Contain(EhpadUO));
        Assert.That(await Matches("Organization?closing-type=https://mos.esante.gouv.fr/NOS/TRE_R286-TypeFermeture/FHIR/TRE-R286-TypeFermeture|PRE"),
            Is.EqualTo(new[] { Lyon }));
        Assert.That(await Matches("Organization?period-end=le2027-12-31"), Is.EqualTo(new[] { Lyon }));
        Assert.That(await Matches("Organization?_filter=" + Uri.EscapeDataString("drop-zone eq true or closing-type eq PRE")),
            Is.EquivalentTo(new[] { Hospital, Lyon }));
        var poles = await Matches("Organization?oi-name:contains=femme");
        Assert.That(poles, Is.EqualTo(new[] { Unit("010000024-pole-femme-mere-enfant") }), "an OI's name, never an EG's");
        Assert.That(await Matches("Organization?oi-name:contains=herriot"), Is.Empty, "the EG's name is no OI name");
    }

    [Test]
    public async Task the_organizations_of_the_samples_and_of_these_patches_are_valid_against_the_ror_profiles()
    {
        var ids = new[] { Ehpad, DayCare, Hospital, Lyon, Unit("010000024-pole-femme-mere-enfant") };
        var resources = new List<string>();
        foreach (var id in ids) resources.Add(await Client.GetStringAsync($"/fhir/Organization/{id}"));

        var report = await new FhirValidator().ValidateAsync(resources);

        Assert.That(report.Errors, Is.Empty, report.ToString());
        Assert.That(resources[4], Does.Contain("\"start\":\"2012-01-02\""), "the sample pôle's opening date");
    }
}
