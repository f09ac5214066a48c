using System.Net;
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
        Assert.That(dayCare.Meta!.Tag.Single().Code, Is.EqualTo("94"), "Ajaccio is in Corse");
        Assert.That((await Client.GetAsync("/fhir/Organization/ej-2A0000154")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
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
            .ToList();
        var report = await new FhirValidator().ValidateAsync(resources);

        Assert.That(resources, Has.Count.EqualTo(46), "16 EJ, 19 EG, 3 pôle/service/UF, 4 UO, 4 lieux");
        Assert.That(report.Summary.Resources, Is.EqualTo(resources.Count));
        Assert.That(report.Errors, Is.Empty, report.ToString());
    }
}
