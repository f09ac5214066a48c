namespace RorNational.IntegrationTests.Capacity.Searching;

/// <summary>
/// The capacity criteria of one search hold on the same indicator of a Location, directly and
/// chained from HealthcareService, as the guide's ST4 scenarios read them; modifiers and
/// prefixes as for any token, number and date parameter.
/// </summary>
public sealed class searching_capacity_on_one_indicator : CapacityFixture
{
    [Test]
    public async Task criteria_met_by_different_indicators_do_not_match()
    {
        // Gynaecology has an available indicator for women (0 beds) and one above zero (men's).
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=02&gender-capacity-available=01&nb-capacity=gt0"), Is.Empty);
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=02&gender-capacity-available=02&nb-capacity=gt0"), Is.EqualTo(Ids(Gynecology)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=02&nb-capacity=20"), Is.Empty, "20 is the installed indicator's");
    }

    [Test]
    public async Task each_capacity_parameter_searches_its_element()
    {
        Assert.That(await Matches($"Location?{Lieux}&capacity-type=02&capacity-status=02&temporality-capacity=03"), Is.EqualTo(Ids(Residence)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=06&additional-bed-type=03&crisis-type=02&nb-capacity=ge2"), Is.EqualTo(Ids(Consultations)));
        Assert.That(await Matches($"Location?{Lieux}&temporary-assignement=01&capacity-status=01&capacity-type=01"), Is.EqualTo(Ids(Gynecology)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=02,06&nb-capacity=lt3"), Is.EqualTo(Ids(Gynecology, Consultations)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-update-date=2026-03-01&capacity-status=02"), Is.EqualTo(Ids(Residence)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-update-date=gt2026-03-01T19:00:00Z"), Is.EqualTo(Ids(Gynecology, Consultations)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-closing-type=01"), Is.Empty);
    }

    [Test]
    public async Task a_token_matches_in_its_own_code_system_only()
    {
        Assert.That(await Matches($"Location?{Lieux}&capacity-status={Status("06")}"), Is.EqualTo(Ids(Consultations)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=http://example.org/other|06"), Is.Empty);
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=|06"), Is.Empty, "an indicator's codes always have their system");
        Assert.That(await Matches($"Location?{Lieux}&crisis-type=https://mos.esante.gouv.fr/NOS/TRE_R336-TypeCrise/FHIR/TRE-R336-TypeCrise|"),
            Is.EqualTo(Ids(Consultations)));
    }

    [Test]
    public async Task missing_says_a_location_has_no_indicator_or_an_indicator_lacks_an_element()
    {
        Assert.That(await Matches($"Location?{Lieux}&capacity-status:missing=true"), Is.EqualTo(Ids(DayCare)));
        Assert.That(await Matches($"Location?{Lieux}&nb-capacity:missing=false"), Is.EqualTo(Ids(Gynecology, Consultations, Residence)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=02&gender-capacity-available:missing=true"), Is.EqualTo(Ids(Residence)));
        Assert.That(await Matches($"Location?{Lieux}&capacity-status=02&gender-capacity-available:missing=false"), Is.EqualTo(Ids(Gynecology)));
    }

    [Test]
    public async Task chained_from_healthcare_service_the_criteria_hold_on_one_indicator_of_one_location()
    {
        var offers = $"_id={GynecologyUO},{EhpadUO},{DayCareUO},{ConsultationUO}";
        Assert.That(await Matches($"HealthcareService?{offers}&location.capacity-status=02&location.gender-capacity-available=01&location.nb-capacity=gt0"), Is.Empty);
        Assert.That(await Matches($"HealthcareService?{offers}&location.capacity-status=02&location.gender-capacity-available=02&location.nb-capacity=gt0"),
            Is.EqualTo(Ids(GynecologyUO)));
        Assert.That(await Matches($"HealthcareService?{offers}&location:Location.capacity-status=02&location.nb-capacity=gt0&location.temporality-capacity=03"),
            Is.EqualTo(Ids(EhpadUO)));
        Assert.That(await Matches($"HealthcareService?{offers}&location.capacity-status:missing=true"), Is.EqualTo(Ids(DayCareUO)));
    }

    [Test]
    public async Task the_guide_st4_scenarios_work_unchanged()
    {
        var scenario1 = "HealthcareService?specialty=https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-ActiviteOperationnelle|022" +
                        $"&location.capacity-status={Status("02")}&location.nb-capacity=gt0&_include=HealthcareService:location";
        var response = await Client.GetStringAsync("/fhir/" + scenario1);
        Assert.That(await Matches(scenario1), Is.EqualTo(Ids(GynecologyUO)));
        Assert.That(response, Does.Contain($"\"id\":\"{Gynecology}\"").And.Contain("\"mode\":\"include\""));

        var scenario2 = "HealthcareService?specialty=https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-ActiviteOperationnelle|022" +
                        "&location.capacity-type=https://mos.esante.gouv.fr/NOS/TRE_R329-NatureCapacite/FHIR/TRE-R329-NatureCapacite|01" +
                        "&location.capacity-closing-type=https://mos.esante.gouv.fr/NOS/TRE_R333-TypeFermetureCapacite/FHIR/TRE-R333-TypeFermetureCapacite|01" +
                        $"&location.capacity-status={Status("05")}&location.nb-capacity=gt0&_include=HealthcareService:location";
        Assert.That(await Matches(scenario2), Is.Empty, "no closed re-openable bed");
    }

    [Test]
    public async Task a_filter_conjunction_holds_on_one_indicator_too()
    {
        Assert.That(await Matches($"Location?{Lieux}&_filter=capacity-status eq 02 and gender-capacity-available eq 01 and nb-capacity gt 0"), Is.Empty);
        Assert.That(await Matches($"Location?{Lieux}&_filter=capacity-status eq 02 and gender-capacity-available eq 02 and nb-capacity gt 0"), Is.EqualTo(Ids(Gynecology)));
    }

    [Test]
    public async Task the_capability_statement_tells_the_same_indicator_rule()
    {
        var metadata = await Client.GetStringAsync("/fhir/metadata");
        Assert.That(metadata, Does.Contain("hold on the same indicator"));
    }
}
