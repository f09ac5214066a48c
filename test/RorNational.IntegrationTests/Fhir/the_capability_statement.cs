using System.Net;
using Hl7.Fhir.Model;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Fhir;

public sealed class the_capability_statement : ApiFixture
{
    [Test]
    public async Task is_fhir_4_0_1_json()
    {
        var response = await Client.GetAsync("/fhir/metadata");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+json"));
        var statement = RorNational.Fhir.FhirJson.Parse<CapabilityStatement>(await response.Content.ReadAsStringAsync());
        Assert.That(statement.FhirVersion, Is.EqualTo(FHIRVersion.N4_0_1));
        Assert.That(statement.Kind, Is.EqualTo(CapabilityStatementKind.Instance));
        Assert.That(statement.Implementation!.Url, Is.EqualTo("http://localhost/fhir"));
    }

    [Test]
    public async Task lists_exactly_the_interactions_the_server_routes()
    {
        var statement = RorNational.Fhir.FhirJson.Parse<CapabilityStatement>(await Client.GetStringAsync("/fhir/metadata"));

        var resources = statement.Rest.Single().Resource;
        Assert.That(resources.Select(r => r.Type), Is.EqualTo(new[]
        {
            "AuditEvent", "HealthcareService", "Location", "Measure", "MeasureReport", "Organization", "Practitioner", "PractitionerRole", "Provenance", "SearchParameter", "Subscription",
        }));
        // Change notifications (Subscriptions/): created, read and deleted by their owner, with $status and $events.
        var subscription = resources.Single(r => r.Type == "Subscription");
        Assert.That(subscription.Interaction.Select(i => i.Code), Is.EquivalentTo(new CapabilityStatement.TypeRestfulInteraction?[]
            { CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Delete }));
        Assert.That(subscription.Operation.Select(o => o.Name), Is.EqualTo(new[] { "events", "status" }));
        Assert.That(subscription.Profile, Is.EqualTo("http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription"));
        // Measure and MeasureReport (bed availability) are read and searched only: Availability/Measures tests them;
        // AuditEvent and Provenance (auditors only) likewise: Auditing/serving_audit_events and Provenance/the_provenance_of_writes test them.
        var served = resources.Where(r => r.Type is not ("SearchParameter" or "Measure" or "MeasureReport" or "AuditEvent" or "Provenance" or "Subscription")).ToList();
        var provenance = resources.Single(r => r.Type == "Provenance");
        Assert.That(provenance.Interaction.Select(i => i.Code), Is.EquivalentTo(new CapabilityStatement.TypeRestfulInteraction?[]
            { CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType }));
        Assert.That(provenance.SearchParam.Select(p => p.Name), Is.EquivalentTo(new[] { "target", "agent", "recorded" }));
        var reads = new CapabilityStatement.TypeRestfulInteraction?[]
        {
            CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.Vread,
            CapabilityStatement.TypeRestfulInteraction.HistoryInstance, CapabilityStatement.TypeRestfulInteraction.HistoryType,
            CapabilityStatement.TypeRestfulInteraction.SearchType,
        };
        Assert.That(served.Where(r => r.Type != "Location").Select(r => r.Interaction.Select(i => i.Code)), Has.All.EqualTo(reads));
        // Suppliers patch a Location's capacity, by id or conditionally (identifier=...).
        var location = served.Single(r => r.Type == "Location");
        Assert.That(location.Interaction.Select(i => i.Code),
            Is.EqualTo(reads.Append(CapabilityStatement.TypeRestfulInteraction.Patch).OrderBy(code => code)));
        Assert.That(location.Interaction.Single(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Patch).Documentation,
            Does.StartWith("Also conditional: PATCH [base]/Location?identifier="));
        Assert.That(statement.Rest.Single().Interaction.Select(i => i.Code), Is.EqualTo(new CapabilityStatement.SystemRestfulInteraction?[]
        {
            CapabilityStatement.SystemRestfulInteraction.Transaction, CapabilityStatement.SystemRestfulInteraction.Batch,
            CapabilityStatement.SystemRestfulInteraction.HistorySystem,
        }));
        // $diff of two versions, for auditors (History/diffing_versions); an EG's $description (Auditing/Description); an establishment's $export (Export).
        Assert.That(served.Select(r => string.Join(",", r.Operation.Select(o => o.Name))),
            Is.EqualTo(served.Select(r => r.Type == "Organization" ? "description,diff,export" : "diff")));
        Assert.That(served.SelectMany(r => r.Operation).Select(o => o.Definition),
            Has.All.Matches<string>(d => d is "urn:ror-national:OperationDefinition/diff" or "urn:ror-national:OperationDefinition/description"
                or "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"));
        // The system-level $export of Bulk Data 2.0, and the Bulk Data capabilities it instantiates.
        Assert.That(statement.Rest.Single().Operation.Select(o => (o.Name, o.Definition)),
            Is.EqualTo(new[] { ("export", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export") }));
        Assert.That(statement.Instantiates, Is.EqualTo(new[] { "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data" }));
        Assert.That(resources.Single(r => r.Type == "SearchParameter").Interaction.Select(i => i.Code),
            Is.EqualTo(new CapabilityStatement.TypeRestfulInteraction?[] { CapabilityStatement.TypeRestfulInteraction.Read }));
        Assert.That(served.Select(r => r.Profile), Is.EqualTo(new[]
        {
            "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-healthcareservice",
            "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location",
            "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-organization",
            "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-practitioner",
            "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-practitionerrole",
        }));
    }
}
