using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using RorNational.Fhir;

namespace RorNational.IntegrationTests.Search;

/// <summary>Lenient and strict handling, malformed values, formats and conditional reads.</summary>
public sealed class search_errors_and_formats : SearchFixture
{
    [Test]
    public async Task an_unknown_parameter_is_ignored_and_reported_under_lenient_handling()
    {
        var bundle = await Search("HealthcareService?specialty=270&colour=blue");
        Assert.That(bundle.Entry.Count(e => e.Search!.Mode == Bundle.SearchEntryMode.Match), Is.EqualTo(1));
        var outcome = (OperationOutcome)bundle.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource!;
        Assert.That(outcome.Issue.Single().Severity, Is.EqualTo(OperationOutcome.IssueSeverity.Warning));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("colour"));
        Assert.That(bundle.Link.Single(l => l.Relation == "self").Url, Does.Contain("colour=blue"), "self tells what was asked");
    }

    [Test]
    public async Task an_unknown_parameter_is_refused_under_strict_handling()
    {
        var (status, outcome) = await Refused("HealthcareService?specialty=270&colour=blue",
            request => request.Headers.Add("Prefer", "handling=strict"));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { "colour" }));
    }

    [TestCase("HealthcareService?_lastUpdated=gt2024-13-45", "_lastUpdated")]
    [TestCase("HealthcareService?_lastUpdated=xx2024-01-01", "_lastUpdated")]
    [TestCase("HealthcareService?age-range-low=douze", "age-range-low")]
    [TestCase("Location?near=quarante-huit|2", "near")]
    [TestCase("Location?near=48.8|2.3|5|miles", "near")]
    [TestCase("Location?near-insee-code=99999|5|km", "near-insee-code")]
    [TestCase("HealthcareService?_count=-1", "_count")]
    [TestCase("HealthcareService?_count=beaucoup", "_count")]
    [TestCase("HealthcareService?_sort=specialty", "_sort")]
    [TestCase("HealthcareService?_sort=name,-name", "_sort")]
    [TestCase("HealthcareService?_sort=_id&_sort=_id", "_sort")]
    [TestCase("HealthcareService?_include=HealthcareService:name", "_include")]
    [TestCase("HealthcareService?name:sounds-like=cardio", "name:sounds-like")]
    [TestCase("HealthcareService?specialty:missing=perhaps", "specialty:missing")]
    [TestCase("HealthcareService?_id:missing=true", "_id:missing")]
    [TestCase("HealthcareService?_content:exact=cardio", "_content:exact")]
    [TestCase("HealthcareService?location:above=Location/x", "location:above")]
    [TestCase("HealthcareService?organization:above.identifier=1&location:above.name=x", "location:above.name")]
    [TestCase("HealthcareService?_filter=specialty eq", "_filter")]
    [TestCase("HealthcareService?_filter=(specialty eq 270", "_filter")]
    [TestCase("HealthcareService?_filter=name gt 3", "_filter")]
    [TestCase("HealthcareService?_cursor=not-a-cursor", "_cursor")]
    [TestCase("HealthcareService?_summary=maybe", "_summary")]
    [TestCase("HealthcareService?_pretty=yes", "_pretty")]
    public async Task a_malformed_value_is_400_naming_the_parameter(string query, string parameter)
    {
        var (status, outcome) = await Refused(query);
        Assert.That(status, Is.EqualTo(400));
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { parameter }), outcome.Issue.Single().Diagnostics);
    }

    [Test]
    public async Task a_value_never_changes_the_shape_of_the_query()
    {
        Assert.That(await Matches("HealthcareService?name=x' or '1'='1"), Is.Empty);
        Assert.That(await Matches("HealthcareService?specialty=270') or true --"), Is.Empty);
        await Search("HealthcareService?_content=psy') | ('a"); // full-text syntax in a value is words, not an error (200)
        Assert.That(await Matches($"HealthcareService?_id={PsychiatryUO}&name:contains=_%25"), Is.Empty);
    }

    [Test]
    public async Task xml_on_request_with_format_or_accept_and_406_for_what_is_not_served()
    {
        var xml = await Client.GetAsync("/fhir/HealthcareService?specialty=270&_format=xml");
        Assert.That(xml.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/fhir+xml"));
        var bundle = new FhirXmlDeserializer().Deserialize<Bundle>(await xml.Content.ReadAsStringAsync());
        Assert.That(bundle.Entry.Single().Resource!.Id, Is.EqualTo(PsychiatryUO));

        var read = new HttpRequestMessage(HttpMethod.Get, $"/fhir/HealthcareService/{PsychiatryUO}");
        read.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+xml"));
        var response = await Client.SendAsync(read);
        Assert.That(new FhirXmlDeserializer().Deserialize<HealthcareService>(await response.Content.ReadAsStringAsync()).Id, Is.EqualTo(PsychiatryUO));

        var (status, _) = await Refused("HealthcareService", request => request.Headers.Accept.ParseAdd("text/html"));
        Assert.That(status, Is.EqualTo(406));
        Assert.That((await Refused("HealthcareService?_format=turtle")).Status, Is.EqualTo(406));
        var json = await Client.GetAsync("/fhir/HealthcareService?_count=1&_pretty=true");
        Assert.That(json.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/fhir+json"));
        Assert.That(await json.Content.ReadAsStringAsync(), Does.Contain("\n  \"resourceType\": \"Bundle\""));
    }

    [Test]
    public async Task elements_and_summary_return_marked_subsets()
    {
        var bundle = await Search($"HealthcareService?_id={PsychiatryUO}&_elements=name,specialty");
        var service = (HealthcareService)bundle.Entry.Single().Resource!;
        Assert.That(service.Name, Is.Not.Null);
        Assert.That(service.Specialty, Is.Not.Empty);
        Assert.That(service.Location, Is.Empty);
        Assert.That(service.Extension, Is.Empty);
        Assert.That(service.Meta!.Tag.Select(t => t.Code), Does.Contain("SUBSETTED"));

        var text = (HealthcareService)(await Search($"HealthcareService?_id={PsychiatryUO}&_summary=text")).Entry.Single().Resource!;
        Assert.That(text.Name, Is.Null, "text: the narrative and mandatory elements only");
        var data = (HealthcareService)(await Search($"HealthcareService?_id={PsychiatryUO}&_summary=data")).Entry.Single().Resource!;
        Assert.That(data.Extension, Is.Not.Empty, "data: everything but the narrative");

        var summary = (HealthcareService)(await Search($"HealthcareService?_id={PsychiatryUO}&_summary=true")).Entry.Single().Resource!;
        Assert.That(summary.Name, Is.Not.Null, "name is a summary element");
        Assert.That(summary.Extension, Is.Empty, "extensions are not");
        Assert.That(summary.Meta!.Tag.Select(t => t.Code), Does.Contain("SUBSETTED"));
    }

    [Test]
    public async Task a_read_answers_304_when_the_caller_already_has_the_version()
    {
        var first = await Client.GetAsync($"/fhir/HealthcareService/{PsychiatryUO}");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        var again = new HttpRequestMessage(HttpMethod.Get, $"/fhir/HealthcareService/{PsychiatryUO}");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.That((await Client.SendAsync(again)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        var other = new HttpRequestMessage(HttpMethod.Get, $"/fhir/HealthcareService/{PsychiatryUO}");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"999\"", isWeak: true));
        Assert.That((await Client.SendAsync(other)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var since = new HttpRequestMessage(HttpMethod.Get, $"/fhir/HealthcareService/{PsychiatryUO}");
        since.Headers.IfModifiedSince = lastModified;
        Assert.That((await Client.SendAsync(since)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        var before = new HttpRequestMessage(HttpMethod.Get, $"/fhir/HealthcareService/{PsychiatryUO}");
        before.Headers.IfModifiedSince = lastModified.AddDays(-1);
        Assert.That((await Client.SendAsync(before)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task a_count_above_the_maximum_is_lowered_and_said()
    {
        var bundle = await Search("Organization?_count=5000");
        var outcome = (OperationOutcome)bundle.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource!;
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("1000"));
    }

    [Test]
    public async Task the_capability_statement_is_served_in_xml_too()
    {
        var response = await Client.GetAsync("/fhir/metadata?_format=xml");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/fhir+xml"));
        var statement = new FhirXmlDeserializer().Deserialize<CapabilityStatement>(await response.Content.ReadAsStringAsync());
        Assert.That(statement.Format, Does.Contain("application/fhir+xml"));
    }

    [Test]
    public async Task post_search_wants_a_form()
    {
        var response = await Client.PostAsync("/fhir/HealthcareService/_search", new StringContent("{}", null, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue, Is.Not.Empty);
    }
}
