using Hl7.Fhir.Model;
using RorNational.Fhir.Ror;

namespace RorNational.IntegrationTests.Search;

/// <summary>Chains, :above on the organization tree, _has, includes and _filter.</summary>
public sealed class chaining_including_and_filtering : SearchFixture
{
    [Test]
    public async Task a_chained_parameter_searches_on_the_referenced_resource()
    {
        Assert.That(await Matches("HealthcareService?location.commune-cog=69383"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches("HealthcareService?location:Location.address-city=AJACCIO"),
            Is.EquivalentTo(new[] { DayCareUO, Unit("2A0000089-uo-reanimation-polyvalente"), Unit("2A0000089-uo-usic") }), "the day care and the CH d'Ajaccio's critical care");
        // The UF's type (TRE_R207 code 3): every UO attached directly to a UF.
        Assert.That(await Matches("HealthcareService?organization.type=3"), Does.Contain(GynecologyUO).And.Contain(PsychiatryUO).And.Not.Contain(EhpadUO));
        Assert.That(await Matches("HealthcareService?organization.partof.name=service de psychiatrie"), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
    }

    [Test]
    public async Task above_on_the_organization_returns_the_offer_of_the_whole_establishment_tree()
    {
        Assert.That(await Matches($"HealthcareService?organization:above.identifier={RorCanonical.FinessSystem}|690000013"),
            Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches("HealthcareService?organization:above.identifier=690781810"),
            Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }), "from the EJ, through the EG");
        Assert.That(await Matches("HealthcareService?organization:above=Organization/eg-010000024"),
            Is.EquivalentTo(new[] { GynecologyUO, ConsultationUO }.Concat(FleyriatCriticalCareUOs)));
        Assert.That(await Matches("HealthcareService?organization=Organization/eg-010000024"), Is.EquivalentTo(FleyriatCriticalCareUOs),
            "without :above, only direct references: the critical-care UOs hang on the EG itself, gynaecology on its UF");
    }

    private string[] FleyriatCriticalCareUOs =>
        new[] { "uo-reanimation-polyvalente", "uo-usic", "uo-usinv", "uo-reanimation-neonatale" }.Select(uo => Unit($"010000024-{uo}")).ToArray();

    [Test]
    public async Task has_finds_the_resources_referenced_by_matching_ones()
    {
        Assert.That(await Matches($"Location?_has:HealthcareService:location:identifier=84/690000013-uo-psy-adultes"), Is.EqualTo(new[] { PavilionLieu }));
        Assert.That(await Matches("Organization?_has:HealthcareService:organization:specialty=439"), Is.EqualTo(new[] { "eg-350002812" }));
        Assert.That(await Matches("Organization?_has:Organization:partof:_has:HealthcareService:organization:specialty=270"),
            Is.EqualTo(new[] { Unit("690000013-service-psy") }), "nested _has");
    }

    [Test]
    public async Task include_adds_the_referenced_resources_and_iterate_follows_them()
    {
        var bundle = await Search($"HealthcareService?_id={PsychiatryUO}&_include=HealthcareService:organization&_include=HealthcareService:location");
        Assert.That(Ids(bundle, Bundle.SearchEntryMode.Match), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(Ids(bundle, Bundle.SearchEntryMode.Include), Is.EquivalentTo(new[] { Unit("690000013-uf-psy"), PavilionLieu }));
        Assert.That(bundle.Total, Is.EqualTo(1), "includes do not count");

        var tree = await Search($"HealthcareService?_id={PsychiatryUO}&_include=HealthcareService:organization&_include:iterate=Organization:partof");
        Assert.That(Ids(tree, Bundle.SearchEntryMode.Include), Is.EquivalentTo(new[]
        {
            Unit("690000013-uf-psy"), Unit("690000013-service-psy"), Unit("690000013-pole-psy"), Lyon, "ej-690781810",
        }));
    }

    [Test]
    public async Task revinclude_adds_the_resources_that_refer_to_the_matches()
    {
        var bundle = await Search($"Location?_id={PavilionLieu}&_revinclude=HealthcareService:location");
        Assert.That(Ids(bundle, Bundle.SearchEntryMode.Include), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        var unknown = await Search($"Location?_id={PavilionLieu}&_revinclude=PractitionerRole:location");
        Assert.That(unknown.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource, Is.InstanceOf<OperationOutcome>(),
            "a type this server does not serve is reported, not silently dropped");
    }

    [Test]
    public async Task the_guide_standard_tail_of_includes()
    {
        var bundle = await Search("HealthcareService?specialty=022&_include=HealthcareService:organization&_include:iterate=Organization:partof" +
                                  "&_include=HealthcareService:location&_revinclude=PractitionerRole:service&_include=PractitionerRole:practitioner");
        Assert.That(Ids(bundle, Bundle.SearchEntryMode.Match), Does.Contain(GynecologyUO));
        Assert.That(Ids(bundle, Bundle.SearchEntryMode.Include), Does.Contain("ej-010008407").And.Contain("eg-010000024").And.Contain(Unit("010000024-lieu-femme-enfant-2")));
    }

    [Test]
    public async Task filter_combines_comparisons_with_and_or_not_and_parentheses()
    {
        Assert.That(await Matches("HealthcareService?_filter=(age-range-low le 18 and age-range-high ge 18) and specialty eq 270"),
            Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?_filter=specialty eq 439 or psychiatric-sector sw \"69G\""),
            Is.EquivalentTo(new[] { EhpadUO, PsychiatryUO, SensitiveUO }));
        Assert.That(await Matches("HealthcareService?_filter=psychiatric-sector pr true and not (specialty eq 271)"), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Matches("HealthcareService?_filter=name co \"soins intensifs\""), Is.EqualTo(new[] { SensitiveUO }));
        Assert.That(await Matches("HealthcareService?_filter=specialty ne 270&psychiatric-sector=69G"), Is.EqualTo(new[] { SensitiveUO }));
    }

    [Test]
    public async Task filter_with_content_on_the_service_or_its_location_as_the_guide_writes_it()
    {
        Assert.That(await Matches("HealthcareService?_filter=(_content=hebergement or location._content=pavillon)"),
            Is.EquivalentTo(new[] { EhpadUO, PsychiatryUO, SensitiveUO }));
    }

    private static List<string> Ids(Bundle bundle, Bundle.SearchEntryMode mode) =>
        bundle.Entry.Where(e => e.Search!.Mode == mode).Select(e => e.Resource!.Id!).ToList();
}
