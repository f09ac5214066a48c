using RorNational.Fhir;
using Hl7.Fhir.Model;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// Search:StatementTimeout bounds each search in the database (SET LOCAL statement_timeout in
/// its transaction). Here it is 1 ms, so that a real search runs past it: the answer is 503
/// with Retry-After and an OperationOutcome, not a 500, and nothing stays broken afterwards.
/// </summary>
public sealed class timing_out_searches : HostileSearchFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Search:StatementTimeout"] = "00:00:00.001",
    };

    [Test]
    public async Task a_search_past_the_statement_timeout_answers_503_with_retry_after()
    {
        var query = "HealthcareService?" + string.Join("&", Enumerable.Range(0, 20).Select(i => $"name:contains=a{i}"));
        var response = await Client.GetAsync("/fhir/" + query);

        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(503), body);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        var outcome = FhirJson.Parse<OperationOutcome>(body);
        Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.Transient));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:StatementTimeout"));
    }
}
