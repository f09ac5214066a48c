using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>A directory just deployed, before any import: searches answer, with nothing.</summary>
public sealed class searching_an_empty_store : ApiFixture
{
    [TestCase("Organization")]
    [TestCase("HealthcareService?specialty=270&_include=HealthcareService:location")]
    [TestCase("Location?near=48.8|2.3|5|km")]
    public async Task answers_an_empty_searchset(string query)
    {
        var response = await Client.GetAsync("/fhir/" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        var bundle = FhirJson.Parse<Bundle>(body);
        Assert.That(bundle.Total, Is.Zero);
        Assert.That(bundle.Entry, Is.Empty);
    }
}
