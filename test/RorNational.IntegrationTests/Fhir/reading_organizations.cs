using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Newtonsoft.Json.Linq;
using RorNational.IntegrationTests.Infrastructure;
using Snapshooter.NUnit;

namespace RorNational.IntegrationTests.Fhir;

public sealed class reading_organizations : ApiFixture
{
    [SetUp]
    public Task GivenARegisteredEstablishment() => Client.Register(Requests.Registration());

    [Test]
    public async Task the_eg_is_served_as_a_ror_organization_with_its_version()
    {
        var response = await Client.GetAsync("/fhir/Organization/eg-010000024");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+json"));
        Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""));
        Assert.That(response.Content.Headers.LastModified, Is.Not.Null);
        var json = await response.Content.ReadAsStringAsync();
        var organization = RorNational.Fhir.FhirJson.Parse<Organization>(json);
        Assert.That(organization.Meta!.VersionId, Is.EqualTo("1"));
        Assert.That(organization.Meta!.LastUpdated, Is.Not.Null);
        Assert.That(organization.PartOf!.Reference, Is.EqualTo("Organization/ej-010008407"));
        Assert.That(json, Does.StartWith("{\"resourceType\":\"Organization\""), "served as rendered, element order kept");
        Snapshot.Match(JToken.Parse(json), options => options.IgnoreField("meta.lastUpdated"));
    }

    [Test]
    public async Task the_ej_carries_its_national_identifiers()
    {
        var json = await Client.GetStringAsync("/fhir/Organization/ej-010008407");

        var organization = RorNational.Fhir.FhirJson.Parse<Organization>(json);
        Assert.That(organization.Name, Is.EqualTo("CH DE BOURG EN BRESSE"));
        Assert.That(organization.Identifier.Select(i => (i.System, i.Value)), Is.EquivalentTo(new[]
        {
            ("urn:oid:1.2.250.1.71.4.2.2", "1010008407"),
            ("https://finess.esante.gouv.fr", "010008407"),
        }));
        Assert.That(organization.PartOf, Is.Null);
    }

    [Test]
    public async Task an_unknown_id_is_not_found_with_an_operation_outcome()
    {
        var response = await Client.GetAsync("/fhir/Organization/eg-999999999");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var outcome = RorNational.Fhir.FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.NotFound));
    }

    [Test]
    public async Task the_firely_client_reads_it_as_a_real_fhir_client()
    {
        using var client = new FhirClient(new Uri(Client.BaseAddress!, "/fhir/"), App.ClientFor(TestClients.AllRights));

        var organization = await client.ReadAsync<Organization>("Organization/eg-010000024");

        Assert.That(organization!.Name, Is.EqualTo("CH DE FLEYRIAT"));
        Assert.That(organization.Address.Single().City, Is.EqualTo("BOURG EN BRESSE"));
    }
}
