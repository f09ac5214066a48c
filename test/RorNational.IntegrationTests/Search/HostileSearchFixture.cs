using Hl7.Fhir.Model;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// Base of the suites on hostile searches: one published hospital (StructureRequests), loaded
/// once; the tests only read, and check that each answer is an OperationOutcome, never a 5xx.
/// </summary>
public abstract class HostileSearchFixture : ApiFixture
{
    protected override bool ResetBetweenTests => false;

    [OneTimeSetUp]
    public Task PublishAHospital() => Client.PublishHospital();

    /// <summary>Sends a request that must be refused with <paramref name="status"/>; returns its OperationOutcome.</summary>
    protected async Task<OperationOutcome> Refused(HttpRequestMessage request, int status)
    {
        var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), $"{request.Method} {request.RequestUri}: {Cut(body)}");
        return FhirJson.Parse<OperationOutcome>(body);
    }

    protected Task<OperationOutcome> Refused(string query, int status = 400) =>
        Refused(new HttpRequestMessage(HttpMethod.Get, "/fhir/" + query), status);

    /// <summary>GET a search that must answer 200; returns the number of matches.</summary>
    protected async Task<int> Answered(string query)
    {
        var response = await Client.GetAsync("/fhir/" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{Cut(query)}: {Cut(body)}");
        return FhirJson.Parse<Bundle>(body).Entry.Count(e => e.Search!.Mode == Bundle.SearchEntryMode.Match);
    }

    protected static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "...";

    protected static string Repeat(string part, int times, string separator) => string.Join(separator, Enumerable.Repeat(part, times));
}
