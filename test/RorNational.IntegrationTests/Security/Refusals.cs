using System.Net;
using Hl7.Fhir.Model;
using RorNational.Fhir;

namespace RorNational.IntegrationTests.Security;

/// <summary>What every 401 and 403 looks like: a FHIR OperationOutcome, and for a 401 a Bearer challenge (RFC 6750).</summary>
public static class Refusals
{
    /// <summary>A 401 for a request without a token: "WWW-Authenticate: Bearer", no error code.</summary>
    public static async Task AssertNoTokenRefused(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        await AssertOutcome(response, OperationOutcome.IssueType.Login);
    }

    /// <summary>A 401 for a refused token: error="invalid_token" and the reason in error_description.</summary>
    public static async Task AssertTokenRefused(HttpResponseMessage response, string reason)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.WwwAuthenticate.ToString(),
            Is.EqualTo($"Bearer error=\"invalid_token\", error_description=\"{reason}\""));
        var outcome = await AssertOutcome(response, OperationOutcome.IssueType.Login);
        Assert.That(outcome.Issue.Single().Diagnostics, Is.EqualTo(reason));
    }

    /// <summary>A 403 that says nothing but "not allowed"; returns the body, to compare refusals.</summary>
    public static async Task<string> AssertForbidden(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
        var outcome = await AssertOutcome(response, OperationOutcome.IssueType.Forbidden);
        Assert.That(outcome.Issue.Single().Diagnostics, Is.EqualTo("this client is not allowed to do this"));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<OperationOutcome> AssertOutcome(HttpResponseMessage response, OperationOutcome.IssueType code)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+json"));
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.That(outcome.Issue.Select(i => i.Code), Is.EqualTo(new[] { code }));
        return outcome;
    }
}
