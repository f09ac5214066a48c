// Reads FHIR elements the assertions check anyway: nullable analysis adds nothing here.
#nullable disable
using System.Net;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using RorNational.Fhir;
using RorNational.Fhir.Availability.Synthesis;
using RorNational.IntegrationTests.Availability.Synthesis;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Availability.Measures;

/// <summary>
/// The MeasureReports computed from the synthesis, on the samples' critical-care units with
/// capacity (AvailabilityFixture): the guide's ST11 search, the figures against
/// /api/availability, the MeasureReport search and the profile rules.
/// </summary>
public sealed class serving_the_synthesis_as_measure_reports : AvailabilityFixture
{
    private const string DepartementSystem = "https://mos.esante.gouv.fr/NOS/TRE_G09-DepartementOM/FHIR/TRE-G09-DepartementOM";
    private const string RegionSystem = "https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM";

    private async Task<Bundle> Search(string query, HttpClient client = null)
    {
        var response = await (client ?? Client).GetAsync("/fhir/" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{query}: {body}");
        return FhirJson.Parse<Bundle>(body);
    }

    private async Task<MeasureReport> Report(string id, HttpClient client = null)
    {
        var response = await (client ?? Client).GetAsync("/fhir/MeasureReport/" + id);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{id}: {body}");
        return FhirJson.Parse<MeasureReport>(body);
    }

    private static string[] Ids(Bundle bundle, Bundle.SearchEntryMode mode = Bundle.SearchEntryMode.Match) =>
        bundle.Entry.Where(e => e.Search.Mode == mode).Select(e => e.Resource.Id).Order(StringComparer.Ordinal).ToArray();

    private static string[] GroupCodes(MeasureReport report) => report.Group.Select(g => g.Code.Coding.Single().Code).ToArray();

    private static MeasureReport.GroupComponent Group(MeasureReport report, string code) => report.Group.Single(g => g.Code.Coding.Single().Code == code);

    private static int? Score(MeasureReport.GroupComponent group) => (int?)group.MeasureScore.Value;

    private static int? StaleScore(MeasureReport.GroupComponent group) => (int?)group.Stratifier.Single().Stratum.Single(s => s.Value.Coding.Single().Code == "stale").MeasureScore.Value;

    private static int? StaleUnits(MeasureReport.GroupComponent group) => group.Stratifier.Single().Stratum.Single(s => s.Value.Coding.Single().Code == "stale").Population.Single().Count;

    [Test]
    public async Task st11_finds_the_measure_of_a_regroupement_with_every_report_of_it()
    {
        var bundle = await Search("Measure?identifier=urn:ror-national:measure|rea-adulte&_revinclude=MeasureReport:measure");

        Assert.That(bundle.Total, Is.EqualTo(1), "the total counts the matches, not the included reports");
        Assert.That(Ids(bundle), Is.EqualTo(new[] { "rea-adulte" }));
        Assert.That(Ids(bundle, Bundle.SearchEntryMode.Include), Is.EqualTo(new[]
        {
            "departement-01-rea-adulte", "departement-2A-rea-adulte", "departement-2B-rea-adulte",
            "national-rea-adulte", "region-84-rea-adulte", "region-94-rea-adulte",
        }), "France, and each région and département with a réanimation adulte (Ain; Corse-du-Sud and Haute-Corse)");
        var baseUrl = Client.BaseAddress!.ToString().TrimEnd('/') + "/fhir/";
        Assert.That(bundle.Entry.Select(e => e.FullUrl), Is.EquivalentTo(new[] { baseUrl + "Measure/rea-adulte" }
            .Concat(Ids(bundle, Bundle.SearchEntryMode.Include).Select(id => baseUrl + "MeasureReport/" + id))));
        Assert.That(bundle.Link.Single(l => l.Relation == "self").Url,
            Is.EqualTo(baseUrl + "Measure?identifier=urn%3Aror-national%3Ameasure%7Crea-adulte&_revinclude=MeasureReport%3Ameasure"));
        var reports = bundle.Entry.Select(e => e.Resource).OfType<MeasureReport>().ToList();
        Assert.That(reports.Select(r => r.Measure), Has.All.EqualTo("urn:ror-national:measure:rea-adulte"));
        Assert.That(reports.Select(r => r.Type), Has.All.EqualTo(MeasureReport.MeasureReportType.Summary));
        Assert.That(reports.Select(r => r.Status), Has.All.EqualTo(MeasureReport.MeasureReportStatus.Complete));
        Assert.That(reports.Select(r => r.Date), Has.All.EqualTo("2026-03-02T08:30:00.000Z"), "computed now, by the fixture's clock");

        // The guide's second scenario: the Measures with a report matching a criterion.
        Assert.That(Ids(await Search("Measure?_has:MeasureReport:measure:territory=2B")), Is.EqualTo(new[] { "rea-adulte", "usinv" }));
        Assert.That(Ids(await Search("Measure?_has:MeasureReport:measure:date=eq2026-03-02&identifier=usic")), Is.EqualTo(new[] { "usic" }));
        Assert.That(Ids(await Search("Measure?_has:MeasureReport:measure:date=lt2026-03-02")), Is.Empty);
    }

    [TestCase("rea-adulte")]
    [TestCase("usic")]
    [TestCase("usinv")]
    public async Task the_figures_of_a_departement_and_a_region_equal_the_api_totals(string regroupement)
    {
        var grid = await Grid($"?regroupement={regroupement}");
        var checkedTerritories = 0;
        foreach (var (id, count) in new[] { ("departement-01", grid.Totals.Departements["01"]), ("region-84", grid.Totals.Regions["84"]),
                     ("region-94", grid.Totals.Regions["94"]), ("national", grid.Totals.All) })
        {
            if (count.Units + count.Stale.Units == 0) continue;
            var report = await Report($"{id}-{regroupement}");
            Assert.That(GroupCodes(report), Is.EqualTo(new[] { "units", "available", "installed", "closed", "closedReactivable", "supplementary", "forecast24h" }));
            Assert.That(Score(Group(report, "units")), Is.EqualTo(count.Units), id);
            Assert.That(StaleUnits(Group(report, "units")), Is.EqualTo(count.Stale.Units), id);
            foreach (var figure in Enum.GetValues<AvailabilityFigure>())
            {
                var group = Group(report, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(figure.ToString()));
                Assert.That(Score(group), Is.EqualTo(count.Figures[figure]), $"{id} {figure}");
                Assert.That(StaleScore(group), Is.EqualTo(count.Stale.Figures[figure]), $"{id} {figure}, stale");
                Assert.That(group.Population.Single(p => p.Code.Coding.Single().Code == "measure-population-exclusion").Count, Is.EqualTo(count.Stale.Units));
            }
            checkedTerritories++;
        }
        Assert.That(checkedTerritories, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task the_figures_are_those_the_fixture_supplied_and_stale_units_stay_apart()
    {
        var ain = await Report("departement-01-rea-adulte");
        Assert.That(Score(Group(ain, "available")), Is.EqualTo(3), "1 bed for women and 2 for men");
        Assert.That(Score(Group(ain, "installed")), Is.EqualTo(20));
        Assert.That(Score(Group(ain, "closedReactivable")), Is.EqualTo(2));
        Assert.That(Score(Group(ain, "supplementary")), Is.EqualTo(4));
        Assert.That(Score(Group(ain, "forecast24h")), Is.EqualTo(4));
        Assert.That(ain.Subject.Identifier.System, Is.EqualTo(DepartementSystem));
        Assert.That(ain.Subject.Display, Is.EqualTo("Ain"));

        // The USIC of Bourg last supplied 26 h 30 ago: stale, its bed apart.
        var usicAin = await Report("departement-01-usic");
        Assert.That(Score(Group(usicAin, "units")), Is.EqualTo(0));
        Assert.That(StaleUnits(Group(usicAin, "units")), Is.EqualTo(1));
        Assert.That(Group(usicAin, "available").MeasureScore.Value, Is.Null, "no fresh unit has the figure");
        Assert.That(StaleScore(Group(usicAin, "available")), Is.EqualTo(1));
        Assert.That(Group(usicAin, "available").Stratifier.Single().Stratum[1].Value.Text, Is.EqualTo("not updated for 24 h, or never supplied"));

        var xml = new FhirXmlDeserializer().Deserialize<MeasureReport>(
            await Client.GetStringAsync("/fhir/MeasureReport/departement-01-usic?_format=xml"));
        Assert.That(StaleScore(Group(xml, "available")), Is.EqualTo(1));
        Assert.That(Group(xml, "available").MeasureScore.Extension.Single().Url, Is.EqualTo("http://hl7.org/fhir/StructureDefinition/data-absent-reason"));
    }

    [Test]
    public async Task the_measures_own_fhirpath_gives_a_units_figure_from_its_location()
    {
        var measure = FhirJson.Parse<Measure>(await Client.GetStringAsync("/fhir/Measure/rea-adulte"));
        var location = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{Unit(ReaBourg)}"));
        var unit = await UnitOf(ReaBourg);

        foreach (var figure in Enum.GetValues<AvailabilityFigure>())
        {
            var code = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(figure.ToString());
            var observation = Group(measure, code).Population.Single(p => p.Code.Coding.Single().Code == "measure-observation").Criteria.Expression_;
            Assert.That(location.Select(observation).Single().ToString(), Is.EqualTo((unit.Figures[figure] ?? 0).ToString()), code);
        }
        var stratum = Group(measure, "available").Stratifier.Single().Criteria.Expression_;
        Assert.That(location.Select(stratum.Replace("%staleLimit", "@2026-03-01T08:30:00Z")).Single().ToString(), Is.EqualTo("fresh"));
        Assert.That(location.Select(stratum.Replace("%staleLimit", "@2026-03-02T08:00:00Z")).Single().ToString(), Is.EqualTo("stale"));
    }

    [Test]
    public async Task the_independent_validator_finds_no_error_in_the_measures_and_reports()
    {
        var resources = (await Search("Measure?_revinclude=MeasureReport:measure")).Entry.Select(e => FhirJson.Serialize(e.Resource)).ToList();
        Assert.That(resources, Has.Count.GreaterThan(30));

        // ror-measure and ror-measurereport are not in fhir-profiles/: checked against base R4 (a warning says so).
        var report = await new RorNational.IntegrationTests.Validation.FhirValidator().ValidateAsync(resources);

        Assert.That(report.Summary.Resources, Is.EqualTo(resources.Count));
        Assert.That(report.Errors, Is.Empty, report.ToString());
    }

    private static Measure.GroupComponent Group(Measure measure, string code) => measure.Group.Single(g => g.Code.Coding.Single().Code == code);

    [Test]
    public async Task measure_reports_are_searched_by_territory_subject_measure_and_date()
    {
        Assert.That(Ids(await Search("MeasureReport?territory=01")),
            Is.EqualTo(new[] { "departement-01-rea-adulte", "departement-01-rea-neonatale", "departement-01-usic", "departement-01-usinv" }));
        Assert.That(Ids(await Search($"MeasureReport?subject:identifier={RegionSystem}|94")),
            Is.EqualTo(new[] { "region-94-rea-adulte", "region-94-usic", "region-94-usinv" }));
        Assert.That(Ids(await Search($"MeasureReport?territory={DepartementSystem}|&measure=Measure/usic")),
            Is.EqualTo(new[] { "departement-01-usic", "departement-2A-usic", "departement-69-usic" }));
        Assert.That(Ids(await Search("MeasureReport?measure=urn:ror-national:measure:usinv&territory=urn:iso:std:iso:3166|FR")),
            Is.EqualTo(new[] { "national-usinv" }));
        Assert.That(Ids(await Search("MeasureReport?measure=usinv&date=ge2026-03-02T08:00:00Z&date=le2026-03-02")), Has.Length.EqualTo(5));
        Assert.That(Ids(await Search("MeasureReport?measure=usinv&date=gt2026-03-02")), Is.Empty);
        Assert.That(Ids(await Search("MeasureReport?_id=departement-2B-usinv,national-usic")), Is.EqualTo(new[] { "departement-2B-usinv", "national-usic" }));
        Assert.That(Ids(await Search("MeasureReport?measure=nope")), Is.Empty);

        var included = await Search("MeasureReport?territory=2A&_include=MeasureReport:measure");
        Assert.That(Ids(included), Is.EqualTo(new[] { "departement-2A-rea-adulte", "departement-2A-usic" }));
        Assert.That(Ids(included, Bundle.SearchEntryMode.Include), Is.EqualTo(new[] { "rea-adulte", "usic" }));
    }

    [Test]
    public async Task measure_reports_are_paged_by_id_and_every_one_is_read_at_its_id()
    {
        var all = await Search("MeasureReport");
        var ids = Ids(all);
        Assert.That(all.Total, Is.EqualTo(ids.Length));
        Assert.That(ids, Does.Contain("national-rea-pediatrique").And.Contain("departement-69-autres-soins-intensifs").And.Contain("national-grands-brules"),
            "a national report for every regroupement, with or without units");

        var paged = new List<string>();
        var page = await Search("MeasureReport?_count=7");
        while (true)
        {
            paged.AddRange(page.Entry.Select(e => e.Resource.Id));
            var next = page.Link.SingleOrDefault(l => l.Relation == "next");
            if (next is null) break;
            page = FhirJson.Parse<Bundle>(await Client.GetStringAsync(next.Url));
            Assert.That(page.Link.Single(l => l.Relation == "previous").Url, Does.Contain("_cursor="));
        }
        Assert.That(paged, Is.EqualTo(ids), "pages by id, neither gaps nor duplicates");

        foreach (var id in ids)
            Assert.That((await Report(id)).Id, Is.EqualTo(id));
    }

    [Test]
    public async Task the_public_profile_sees_the_measures_and_the_units_but_no_figure()
    {
        var anonymous = App.ClientFor(TestClients.Public);
        var st11 = await Search("Measure?identifier=rea-adulte&_revinclude=MeasureReport:measure", anonymous);

        Assert.That(Ids(st11), Is.EqualTo(new[] { "rea-adulte" }));
        var reports = st11.Entry.Select(e => e.Resource).OfType<MeasureReport>().ToList();
        Assert.That(reports, Has.Count.EqualTo(6));
        Assert.That(reports.Select(GroupCodes), Has.All.EqualTo(new[] { "units" }), "P0: no figure group");
        var ain = reports.Single(r => r.Id == "departement-01-rea-adulte");
        Assert.That(Score(ain.Group.Single()), Is.EqualTo(1));
        Assert.That(await (await anonymous.GetAsync("/fhir/MeasureReport/departement-01-rea-adulte")).Content.ReadAsStringAsync(),
            Does.Not.Contain("\"available\""));
    }

    [Test]
    public async Task each_profile_reads_the_figures_it_is_entitled_to_and_the_units_it_may_see()
    {
        var crisis = await Report("national-autres-soins-intensifs", App.ClientFor("test-consumer-crisis"));
        Assert.That(GroupCodes(crisis), Does.Contain("supplementary"));
        Assert.That(Score(Group(crisis, "units")), Is.EqualTo(1), "P1 sees the sensitive unit");
        Assert.That(Score(Group(crisis, "available")), Is.EqualTo(1));

        var professional = App.ClientFor("test-consumer-professional");
        var reaForProfessional = await Report("departement-01-rea-adulte", professional);
        Assert.That(GroupCodes(reaForProfessional), Is.EqualTo(new[] { "units", "available", "installed", "closed", "closedReactivable", "forecast24h" }),
            "P2 does not read supplementary capacity");
        Assert.That(Score(Group(reaForProfessional, "available")), Is.EqualTo(3));

        // P2 hides sensitive units: not counted, no report where they are the only unit.
        await (await professional.GetAsync("/fhir/MeasureReport/departement-69-autres-soins-intensifs")).AssertRefused(HttpStatusCode.NotFound, null);
        var national = await Report("national-autres-soins-intensifs", professional);
        Assert.That(Score(Group(national, "units")), Is.EqualTo(0));
        Assert.That(StaleUnits(Group(national, "units")), Is.EqualTo(0));
        Assert.That(Ids(await Search("MeasureReport?measure=autres-soins-intensifs", professional)), Is.EqualTo(new[] { "national-autres-soins-intensifs" }));
    }
}
