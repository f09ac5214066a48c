using System.Net;
using Hl7.Fhir.Model;
using RorNational.Fhir;

namespace RorNational.IntegrationTests.Limits;

/// <summary>What every refusal past a limit looks like: 429, Retry-After in seconds, an OperationOutcome "throttled" naming the limit.</summary>
public static class Throttling
{
    /// <summary>Asserts the refusal and that its diagnostics contain <paramref name="limit"/>; returns the Retry-After.</summary>
    public static async Task<TimeSpan> AssertThrottled(HttpResponseMessage response, string limit)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), body);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.That(retryAfter, Is.Not.Null.And.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "Retry-After in seconds, at least 1");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+json"));
        if (response.RequestMessage?.Method == HttpMethod.Head) return retryAfter!.Value;
        var outcome = FhirJson.Parse<OperationOutcome>(body);
        Assert.That(outcome.Issue.Select(i => i.Code), Is.EqualTo(new[] { OperationOutcome.IssueType.Throttled }));
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain(limit));
        return retryAfter!.Value;
    }
}
