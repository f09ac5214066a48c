using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Fhir;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>Asserting a refusal: its status, an OperationOutcome naming the field, nothing written.</summary>
public static class Refusals
{
    public static async Task<OperationOutcome> AssertRefused(this HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        var outcome = FhirJson.Parse<OperationOutcome>(body);
        if (field is not null) Assert.That(outcome.Issue.SelectMany(issue => issue.Expression), Does.Contain(field), body);
        return outcome;
    }

    /// <summary>The version of an event stream; 0 when it has no event.</summary>
    public static async Task<long> StreamVersion(this RorNationalApp app, string streamKey)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(streamKey))?.Version ?? 0;
    }

    /// <summary>The number of events in the store, all streams together.</summary>
    public static async Task<int> EventCount(this RorNationalApp app)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    /// <summary>A body sent byte for byte as given, as application/json.</summary>
    public static ByteArrayContent RawJson(byte[] bytes) =>
        new(bytes) { Headers = { ContentType = new("application/json") } };

    public static ByteArrayContent RawJson(string text) => RawJson(Encoding.UTF8.GetBytes(text));
}
