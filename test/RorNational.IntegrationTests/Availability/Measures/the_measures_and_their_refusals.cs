// Reads FHIR elements the assertions check anyway: nullable analysis adds nothing here.
#nullable disable
using System.Net;
using System.Text;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using RorNational.Fhir;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Availability.Measures;

/// <summary>
/// The Measures (one per regroupement, the same for every caller), the CapabilityStatement's
/// entries, and the refusals of the Measure and MeasureReport searches: none needs capacity data.
/// </summary>
public sealed class the_measures_and_their_refusals : ApiFixture
{
    private static readonly string[] Codes = RegroupementCatalogue.Default.All.Select(r => r.Code).ToArray();

    protected override bool ResetBetweenTests => false;

    private async Task<Bundle> Search(string query, HttpClient client = null)
    {
        var response = await (client ?? Client).GetAsync("/fhir/" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{query}: {body}");
        return FhirJson.Parse<Bundle>(body);
    }

    private static string[] Ids(Bundle bundle, Bundle.SearchEntryMode mode = Bundle.SearchEntryMode.Match) =>
        bundle.Entry.Where(e => e.Search.Mode == mode).Select(e => e.Resource.Id).ToArray();

    [Test]
    public async Task every_regroupement_has_a_measure_that_the_strict_parser_reads()
    {
        var bundle = await Search("Measure");

        Assert.That(bundle.Type, Is.EqualTo(Bundle.BundleType.Searchset));
        Assert.That(bundle.Total, Is.EqualTo(Codes.Length));
        Assert.That(Ids(bundle), Is.EquivalentTo(Codes));
        Assert.That(bundle.Link.Single(l => l.Relation == "self").Url, Is.EqualTo("http://localhost/fhir/Measure"));
        foreach (var code in Codes)
        {
            // The strict parser of the project checks every element against R4.
            var measure = FhirJson.Parse<Measure>(await Client.GetStringAsync($"/fhir/Measure/{code}"));
            Assert.That(measure.Id, Is.EqualTo(code));
            Assert.That(measure.Url, Is.EqualTo($"urn:ror-national:measure:{code}"));
            Assert.That(measure.Identifier.Single().System, Is.EqualTo("urn:ror-national:measure"));
            Assert.That(measure.Identifier.Single().Value, Is.EqualTo(code));
            Assert.That(measure.Status, Is.EqualTo(PublicationStatus.Active));
            Assert.That(measure.Meta.Profile, Is.EqualTo(new[] { "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-measure" }));
            Assert.That(measure.Scoring.Coding.Single().Code, Is.EqualTo("continuous-variable"));
            Assert.That(measure.Type.Single().Coding.Single().Code, Is.EqualTo("structure"));
            Assert.That(measure.Topic.Single().Coding.Single().Code, Is.EqualTo("assessment"));
            Assert.That(measure.Purpose, Is.Not.Empty);
            Assert.That(measure.Title, Does.EndWith(RegroupementCatalogue.Default.Find(code).Display));
            Assert.That(measure.Group.Select(g => g.Code.Coding.Single().Code),
                Is.EqualTo(new[] { "units", "available", "installed", "closed", "closedReactivable", "supplementary", "forecast24h" }));
            Assert.That(measure.Group.Select(g => g.Description), Has.All.Not.Empty);
            Assert.That(measure.Group.SelectMany(g => g.Population).Select(p => p.Criteria.Language), Has.All.EqualTo("text/fhirpath"));
        }
    }

    [Test]
    public async Task a_group_says_what_it_counts_and_its_rules_are_data()
    {
        var measure = FhirJson.Parse<Measure>(await Client.GetStringAsync("/fhir/Measure/rea-pediatrique"));

        var available = measure.Group.Single(g => g.Code.Coding.Single().Code == "available");
        Assert.That(available.Description, Does.Contain("status 02 Disponible (TRE_R330)").And.Contain("temporality 01 Courant (TRE_R331)")
            .And.Contain("01 Lit (TRE_R329)").And.Contain("every gender and temporary assignment"));
        var forecast = measure.Group.Single(g => g.Code.Coding.Single().Code == "forecast24h");
        Assert.That(forecast.Description, Does.Contain("temporality 03 Prévisionnel 24 heures"));
        var units = available.Population.Single(p => p.Code.Coding.Single().Code == "initial-population");
        Assert.That(units.Criteria.Expression_, Does.Contain("code in ('130')").And.Contain("code in ('121')").And.Contain("< 18"));
        Assert.That(units.Description, Does.Contain("among 130").And.Contain("ending below 18 years")
            .And.Contain("earlier one (grands-brules, rea-neonatale)"));
    }

    [Test]
    public async Task the_measures_expressions_are_fhirpath_the_firely_engine_runs()
    {
        var evaluated = 0;
        foreach (var code in Codes)
        {
            var measure = FhirJson.Parse<Measure>(await Client.GetStringAsync($"/fhir/Measure/{code}"));
            foreach (var population in measure.Group.SelectMany(g => g.Population))
            {
                Resource subject = population.Criteria.Expression_.StartsWith("HealthcareService", StringComparison.Ordinal) ? new HealthcareService() : new Location();
                // %staleLimit is the report's date less the stale limit: a dateTime.
                var expression = population.Criteria.Expression_.Replace("%staleLimit", "@2026-03-01T08:30:00Z");
                Assert.DoesNotThrow(() => subject.Select(expression).ToList(), expression);
                evaluated++;
            }
        }
        Assert.That(evaluated, Is.EqualTo(Codes.Length * 7 * 4));
    }

    [Test]
    public async Task measures_are_searched_by_id_identifier_url_and_name()
    {
        Assert.That(Ids(await Search("Measure?identifier=urn:ror-national:measure|usic")), Is.EqualTo(new[] { "usic" }));
        Assert.That(Ids(await Search("Measure?identifier=usic,usinv")), Is.EquivalentTo(new[] { "usic", "usinv" }));
        Assert.That(Ids(await Search("Measure?identifier=other|usic")), Is.Empty);
        Assert.That(Ids(await Search("Measure?url=urn:ror-national:measure:rea-adulte")), Is.EqualTo(new[] { "rea-adulte" }));
        Assert.That(Ids(await Search("Measure?name=bedavailabilityrea")), Is.EquivalentTo(new[] { "rea-adulte", "rea-neonatale", "rea-pediatrique" }));
        Assert.That(Ids(await Search("Measure?name:exact=BedAvailabilityUsic")), Is.EqualTo(new[] { "usic" }));
        Assert.That(Ids(await Search("Measure?name:contains=intensifs")), Is.EquivalentTo(new[] { "autres-soins-intensifs" }));
        Assert.That(Ids(await Search("Measure?_id=usic&identifier=usinv")), Is.Empty, "a repeated criterion holds too");
        var empty = await Search("Measure?_id=nope");
        Assert.That(empty.Total, Is.Zero);
        Assert.That(empty.Entry, Is.Empty);
        Assert.That((await Search("Measure?_summary=count")).Total, Is.EqualTo(Codes.Length));
        var summary = (Measure)(await Search("Measure?_id=usic&_summary=true")).Entry.Single().Resource;
        Assert.That(summary.Group, Is.Empty, "Measure.group is not a summary element");
        Assert.That(summary.Url, Is.EqualTo("urn:ror-national:measure:usic"));
        Assert.That(summary.Meta.Tag.Single().Code, Is.EqualTo("SUBSETTED"));

        var paged = await Search("Measure?_count=4");
        Assert.That(Ids(paged), Is.EqualTo(Codes.Order(StringComparer.Ordinal).Take(4)));
        var next = await Client.GetStringAsync(paged.Link.Single(l => l.Relation == "next").Url);
        Assert.That(Ids(FhirJson.Parse<Bundle>(next)), Is.EqualTo(Codes.Order(StringComparer.Ordinal).Skip(4).Take(4)));
    }

    [Test]
    public async Task a_measure_is_read_in_json_and_xml_and_an_unknown_one_is_404()
    {
        var xml = await Client.GetAsync("/fhir/Measure/usic?_format=xml");
        Assert.That(xml.Content.Headers.ContentType.MediaType, Is.EqualTo("application/fhir+xml"));
        var measure = new FhirXmlDeserializer().Deserialize<Measure>(await xml.Content.ReadAsStringAsync());
        Assert.That(measure.Id, Is.EqualTo("usic"));
        var bundle = new FhirXmlDeserializer().Deserialize<Bundle>(await Client.GetStringAsync("/fhir/Measure?_id=usic&_format=xml"));
        Assert.That(bundle.Entry.Single().Resource.Id, Is.EqualTo("usic"));

        await (await Client.GetAsync("/fhir/Measure/nope")).AssertRefused(HttpStatusCode.NotFound, null);
        await (await Client.GetAsync("/fhir/MeasureReport/nope")).AssertRefused(HttpStatusCode.NotFound, null);
        await (await Client.GetAsync("/fhir/MeasureReport/departement-99-rea-adulte")).AssertRefused(HttpStatusCode.NotFound, null);
        await (await Client.GetAsync("/fhir/MeasureReport/departement-01-nope")).AssertRefused(HttpStatusCode.NotFound, null);
        Assert.That((await Client.GetAsync("/fhir/Measure/usic?_format=text/html")).StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));

        var get = await Client.GetAsync("/fhir/Measure?_id=usic");
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/fhir/Measure/usic"));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo((await Client.GetByteArrayAsync("/fhir/Measure/usic")).Length));
        Assert.That(get.Content.Headers.ContentType.MediaType, Is.EqualTo("application/fhir+json"));
    }

    [TestCase("Measure?_id=usic&nope=1", "nope")]
    [TestCase("MeasureReport?nope=1", "nope")]
    [TestCase("Measure?_revinclude=Location:organization", "_revinclude")]
    [TestCase("MeasureReport?_include=Measure:nope", "_include")]
    [TestCase("Measure?_has:MeasureReport:measure:nope=1", "nope")]
    public async Task an_unknown_parameter_is_ignored_and_told_or_refused_under_strict_handling(string query, string parameter)
    {
        var lenient = await Search(query);
        var outcome = (OperationOutcome)lenient.Entry.Single(e => e.Search.Mode == Bundle.SearchEntryMode.Outcome).Resource;
        Assert.That(outcome.Issue.Single().Diagnostics, Does.StartWith(parameter + ": ignored"));

        var strict = new HttpRequestMessage(HttpMethod.Get, "/fhir/" + query);
        strict.Headers.Add("Prefer", "handling=strict");
        await (await Client.SendAsync(strict)).AssertRefused(HttpStatusCode.BadRequest, parameter);
    }

    [TestCase("MeasureReport?date=yesterday", "date")]
    [TestCase("MeasureReport?date=ap2026-03-02", "date")]
    [TestCase("MeasureReport?measure=Organization/eg-010000024", "measure")]
    [TestCase("MeasureReport?subject=Location/x", "subject")]
    [TestCase("MeasureReport?subject:contains=01", "subject:contains")]
    [TestCase("MeasureReport?territory:missing=maybe", "territory:missing")]
    [TestCase("Measure?name:below=x", "name:below")]
    [TestCase("Measure?identifier=", "identifier")]
    [TestCase("Measure?_count=-1", "_count")]
    [TestCase("Measure?_summary=all", "_summary")]
    [TestCase("Measure?_cursor=not-a-cursor", "_cursor")]
    [TestCase("Measure?_has:MeasureReport:measure:date=tomorrow", "date")]
    public async Task a_malformed_value_is_refused_with_400_naming_the_parameter(string query, string parameter)
    {
        await (await Client.GetAsync("/fhir/" + query)).AssertRefused(HttpStatusCode.BadRequest, parameter);
    }

    [Test]
    public async Task a_search_is_posted_as_a_form_too()
    {
        var form = await Client.PostAsync("/fhir/Measure/_search", new FormUrlEncodedContent([new("identifier", "usinv")]));
        Assert.That(Ids(FhirJson.Parse<Bundle>(await form.Content.ReadAsStringAsync())), Is.EqualTo(new[] { "usinv" }));
        var json = await Client.PostAsync("/fhir/MeasureReport/_search", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task the_capability_statement_lists_both_types_with_their_parameters()
    {
        var statement = FhirJson.Parse<CapabilityStatement>(await Client.GetStringAsync("/fhir/metadata"));
        var resources = statement.Rest.Single().Resource;
        var measure = resources.Single(r => r.Type == "Measure");
        var report = resources.Single(r => r.Type == "MeasureReport");

        var readAndSearch = new CapabilityStatement.TypeRestfulInteraction?[]
            { CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType };
        Assert.That(measure.Interaction.Select(i => i.Code), Is.EqualTo(readAndSearch));
        Assert.That(report.Interaction.Select(i => i.Code), Is.EqualTo(readAndSearch));
        Assert.That(measure.Profile, Is.EqualTo("https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-measure"));
        Assert.That(report.Profile, Is.EqualTo("https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-measurereport"));
        Assert.That(measure.SearchParam.Select(p => p.Name), Is.EqualTo(new[] { "_id", "identifier", "name", "url", "_has" }));
        Assert.That(report.SearchParam.Select(p => p.Name), Is.EqualTo(new[] { "_id", "date", "measure", "subject", "territory" }));
        Assert.That(measure.SearchRevInclude, Is.EqualTo(new[] { "MeasureReport:measure" }));
        Assert.That(report.SearchInclude, Is.EqualTo(new[] { "MeasureReport:measure" }));
        foreach (var parameter in measure.SearchParam.Concat(report.SearchParam).Where(p => p.Definition is not null))
            Assert.That((await Client.GetAsync($"/fhir/SearchParameter/{parameter.Definition.Split('/', ':').Last()}")).StatusCode,
                Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NotFound), parameter.Definition);
        var territory = FhirJson.Parse<SearchParameter>(await Client.GetStringAsync("/fhir/SearchParameter/rornational-measurereport-territory"));
        Assert.That(territory.Expression, Is.EqualTo("MeasureReport.subject.identifier"));
    }
}
