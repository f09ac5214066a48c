using Hl7.Fhir.Model;
using RorNational.Fhir.Ror;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.IntegrationTests.Search;

/// <summary>Each kind of search parameter the guide uses, against the sample data.</summary>
public sealed class searching_by_parameters : SearchFixture
{
    [Test]
    public async Task a_token_matches_its_code_in_any_system_in_its_system_and_not_in_another()
    {
        Assert.That(await Matches("HealthcareService?specialty=270"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches($"HealthcareService?specialty={T.ActiviteOperationnelle}|270"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?specialty=http://example.org/other|270"), Is.Empty);
        Assert.That(await Matches("HealthcareService?specialty=|270"), Is.Empty, "|code means: without a system");
    }

    [Test]
    public async Task commas_are_alternatives_and_repeated_parameters_must_all_hold()
    {
        Assert.That(await Matches("HealthcareService?specialty=270,439"), Is.EquivalentTo(new[] { PsychiatryUO, EhpadUO }));
        Assert.That(await Matches("HealthcareService?specialty=270,439&service-type=01"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?specialty=270,439&psychiatric-sector=69G01"), Is.EqualTo(new[] { PsychiatryUO }));
    }

    [Test]
    public async Task a_string_matches_the_start_of_a_value_whatever_its_accents_and_case()
    {
        Assert.That(await Matches("HealthcareService?name=PSYCHIATRIE GENERALE"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?name=hébergement"), Is.EqualTo(new[] { EhpadUO }));
        Assert.That(await Matches("HealthcareService?name=generale"), Is.Empty, "starts-with, not contains");
    }

    [Test]
    public async Task contains_and_exact_modifiers_on_strings()
    {
        Assert.That(await Matches("HealthcareService?name:contains=PSYCHIATRI"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches("HealthcareService?name:exact=Psychiatrie générale adulte - hospitalisation complète"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?name:exact=psychiatrie générale adulte - hospitalisation complète"), Is.Empty);
        Assert.That(await Matches("HealthcareService?name:contains=100%25"), Is.Empty, "LIKE wildcards in a value are literal");
    }

    [Test]
    public async Task an_escaped_comma_is_part_of_a_string_not_an_alternative()
    {
        var lieu = Unit("010000024-lieu-femme-enfant-2"); // "Bâtiment femme-enfant, 2e étage"
        Assert.That(await Matches("Location?name=batiment femme-enfant\\, 2e"), Is.EqualTo(new[] { lieu }));
        Assert.That(await Matches("Location?_filter=name co \"enfant, 2e\""), Is.EqualTo(new[] { lieu }));
    }

    [Test]
    public async Task number_prefixes_on_the_age_range()
    {
        Assert.That(await Matches("HealthcareService?age-range-low=gt18"), Is.EquivalentTo(new[] { EhpadUO, DayCareUO }));
        Assert.That(await Matches("HealthcareService?age-range-low=lt18"), Does.Contain(GynecologyUO).And.Not.Contain(PsychiatryUO));
        Assert.That(await Matches("HealthcareService?age-range-low=ne18&age-range-high=65"), Is.Empty);
        Assert.That(await Matches("HealthcareService?age-range-high=eq65"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
    }

    [Test]
    public async Task the_age_range_of_the_public_is_searched_as_a_range()
    {
        var adults = await Matches("HealthcareService?age-range-low=le18&age-range-high=ge18");
        Assert.That(adults, Does.Contain(GynecologyUO).And.Contain(PsychiatryUO).And.Not.Contain(EhpadUO));
        var seventy = await Matches("HealthcareService?age-range-low=le70&age-range-high=ge70");
        Assert.That(seventy, Does.Contain(EhpadUO).And.Contain(GynecologyUO).And.Not.Contain(PsychiatryUO));
        Assert.That(await Matches("HealthcareService?age-range-low=60|http://unitsofmeasure.org|a"), Is.EquivalentTo(new[] { EhpadUO, DayCareUO }));
        Assert.That(await Matches("HealthcareService?age-range-low=60|http://unitsofmeasure.org|mo"), Is.Empty, "60 months is not 60 years");
    }

    [Test]
    public async Task the_guide_extensions_psychiatric_sector_intervention_zone_and_patient_type()
    {
        Assert.That(await Matches("HealthcareService?psychiatric-sector=69G01"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches("HealthcareService?psychiatric-sector=75G01"), Is.Empty);
        Assert.That(await Matches("HealthcareService?intervention-zone=69"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches("HealthcareService?patient-type=01&specialty=270"), Is.EqualTo(new[] { PsychiatryUO }));
    }

    [Test]
    public async Task date_prefixes_on_the_closing_period()
    {
        // Closed from 2026-07-01 to 2026-09-01.
        Assert.That(await Matches("HealthcareService?notavailable-closing-reopeningdate=ge2026-08-15&specialty=270"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?notavailable-closing-reopeningdate=gt2026-09-01"), Is.Empty);
        Assert.That(await Matches("HealthcareService?notavailable-closing-reopeningdate=lt2026-07-01"), Is.Empty);
        Assert.That(await Matches("HealthcareService?notavailable-closing-reopeningdate=le2026-07-01&specialty=270"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?notavailable-closing-reopeningdate=eb2026-06&specialty=270"), Is.Empty);
        Assert.That(await Matches("HealthcareService?notavailable-closing-reopeningdate=sa2026-06&specialty=270"), Is.EqualTo(new[] { PsychiatryUO }));
    }

    [Test]
    public async Task missing_finds_what_has_no_value()
    {
        var open = await Matches("HealthcareService?notavailable-closing-reopeningdate:missing=true");
        Assert.That(open, Has.Count.EqualTo(13).And.Not.Contain(PsychiatryUO), "the 13 UO of the samples");
        Assert.That(await Matches("HealthcareService?notavailable-closing-reopeningdate:missing=false"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
    }

    [Test]
    public async Task id_last_updated_and_the_source_region_tag()
    {
        Assert.That(await Matches($"HealthcareService?_id={EhpadUO},{DayCareUO}"), Is.EquivalentTo(new[] { EhpadUO, DayCareUO }));
        Assert.That(await Matches("HealthcareService?_lastUpdated=gt2000-01-01"), Has.Count.EqualTo(15), "the 13 UO of the samples and Lyon's 2");
        Assert.That(await Matches("HealthcareService?_lastUpdated=lt2000-01-01T00:00:00Z"), Is.Empty);
        Assert.That(await Matches($"HealthcareService?_tag={T.Region}|53"), Is.EqualTo(new[] { EhpadUO }));
        Assert.That(await Matches("Location?_tag=94"), Is.EquivalentTo(new[]
        {
            Unit("2A0000261-lieu-accueil-de-jour"), Unit("2A0000089-lieu-reanimation"), Unit("2A0000089-lieu-usic"),
            Unit("2B0000384-lieu-reanimation"), Unit("2B0000384-lieu-usinv"),
        }), "Corse: the day care, the CH d'Ajaccio's and the CH de Bastia's critical care");
        Assert.That(await Matches($"Location?_profile={RorCanonical.LocationProfile}"), Has.Count.EqualTo(14), "the 13 lieux of the samples and Lyon's pavilion");
        Assert.That(await Matches($"Location?_profile={RorCanonical.OrganizationProfile}"), Is.Empty);
    }

    [Test]
    public async Task identifiers_and_references()
    {
        Assert.That(await Matches($"HealthcareService?identifier=84/690000013-uo-psy-adultes"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches($"Organization?identifier={RorCanonical.FinessSystem}|690000013"), Is.EqualTo(new[] { Lyon }));
        Assert.That(await Matches("Organization?identifier=1690000013"), Is.EqualTo(new[] { Lyon }), "idNatSt");
        Assert.That(await Matches($"HealthcareService?organization=Organization/{Unit("690000013-uf-psy")}"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches($"HealthcareService?organization={Unit("690000013-uf-psy")}"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches($"Location?organization={Lyon}"), Is.EqualTo(new[] { PavilionLieu }));
        Assert.That(await Matches("Organization?partof=Organization/ej-690781810"), Does.Contain(Lyon));
    }

    [Test]
    public async Task addresses_by_postal_code_prefix_city_and_commune()
    {
        Assert.That(await Matches("Location?address-postalcode=69"), Is.EqualTo(new[] { PavilionLieu }), "a département");
        Assert.That(await Matches("Location?address-postalcode=01012"), Has.Count.EqualTo(6), "a commune: the CH de Fleyriat's six lieux");
        Assert.That(await Matches("Location?address-city=bourg en"), Has.Count.EqualTo(6));
        Assert.That(await Matches("Location?commune-cog=69383"), Is.EqualTo(new[] { PavilionLieu }));
        Assert.That(await Matches("Organization?address-postalcode=69&_id=eg-690000013,eg-690000021"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task near_finds_locations_within_a_distance_and_returns_it()
    {
        var bundle = await Search("Location?near=46.20|5.22|5|km");
        var matches = bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).ToList();
        Assert.That(matches.Select(m => m.Resource!.Id), Is.EqualTo(new[] { Unit("010000024-lieu-femme-enfant-2") }), "the Bourg-en-Bresse lieu that has coordinates");
        var distance = (Distance)matches[0].Search!.Extension.Single(e => e.Url == "http://hl7.org/fhir/StructureDefinition/location-distance").Value!;
        Assert.That(distance.Value, Is.GreaterThan(0.5m).And.LessThan(5m));
        Assert.That(distance.Code, Is.EqualTo("km"));
        Assert.That(await Matches("Location?near=46.20|5.22|500|m"), Is.Empty);
        Assert.That(await Matches("Location?near=46.2135|5.2418|1"), Has.Count.EqualTo(1), "km by default");
        Assert.That(await Matches("Location?near=46.2135|5.2418"), Has.Count.EqualTo(1), "10 km by default");
    }

    [Test]
    public async Task near_insee_code_searches_around_a_commune_centroid_also_for_lieux_without_coordinates()
    {
        // Lyon 3e arrondissement (69383): the pavillon has no coordinates; its commune's centroid stands in.
        Assert.That(await Matches("Location?near-insee-code=69383|2|km"), Is.EqualTo(new[] { PavilionLieu }));
        Assert.That(await Matches("Location?near-insee-code=01053|10|km"), Has.Count.EqualTo(6), "the CH de Fleyriat's six lieux");
        var bundle = await Search("HealthcareService?location.near-insee-code=01053|15|km");
        var matches = bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).ToList();
        Assert.That(matches.Select(m => m.Resource!.Id), Does.Contain(GynecologyUO));
        Assert.That(matches.All(m => m.Search!.Extension.Any(e => e.Url!.EndsWith("location-distance"))), "the distance of the nearest lieu");
    }

    [Test]
    public async Task content_is_a_full_text_search_over_names_without_accents_or_case()
    {
        Assert.That(await Matches("HealthcareService?_content=psychiatr"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches("HealthcareService?_content=HEBERGEMENT ehpad"), Is.EqualTo(new[] { EhpadUO }));
        var hopital = await Matches("Organization?_content=hôpital");
        Assert.That(hopital, Does.Contain(Lyon));
        Assert.That(await Matches("Organization?_content=HOPITAL"), Is.EquivalentTo(hopital));
        Assert.That(await Matches("HealthcareService?_content=0474454000"), Is.Empty, "contacts are not searched");
    }

    [Test]
    public async Task post_search_takes_a_form_body()
    {
        var response = await Client.PostAsync("/fhir/HealthcareService/_search?characteristic=28",
            new FormUrlEncodedContent([new("specialty", "270,439"), new("psychiatric-sector", "69G01")]));
        var bundle = RorNational.Fhir.FhirJson.Parse<Bundle>(await response.Content.ReadAsStringAsync());
        Assert.That(bundle.Entry.Select(e => e.Resource!.Id!), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(bundle.Link.Single(l => l.Relation == "self").Url, Does.Contain("specialty=270,439"));
    }
}
