using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using RorNational.Fhir.Reading;
using RorNational.Offer.Capacity.Answers;
using RorNational.Offer.Capacity.Supplying;

namespace RorNational.Offer.Capacity.PatchLocation;

/// <summary>
/// The 200 of an applied PATCH, the same on every replay: ETag and Last-Modified of the version
/// the change left the Location at, and the body <c>Prefer: return=</c> asks: <c>minimal</c>
/// none, <c>representation</c> the Location, <c>OperationOutcome</c> the issues. Without Prefer,
/// the Location, unless the change holds information the supplier must see (an outdated change
/// recorded but not applied): then the OperationOutcome that says so.
/// </summary>
public sealed class PatchAnswer(EntryAnswer answer, ReturnPreference preference, FhirFormat format) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.ETag = FhirResourceResult.ETagOf(answer.Version);
        http.Response.Headers.LastModified = answer.LastUpdated.ToString("R", CultureInfo.InvariantCulture);
        var body = preference switch
        {
            ReturnPreference.Minimal => null,
            ReturnPreference.OperationOutcome => answer.Outcome,
            ReturnPreference.Default when answer.HasInformation => answer.Outcome,
            _ => await LocationAsync(http),
        };
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        await FhirOutput.WriteAsync(http, StatusCodes.Status200OK, body, format);
    }

    private async Task<string?> LocationAsync(HttpContext http)
    {
        var profile = http.RequestServices.GetRequiredService<AccessProfiles>().For(http);
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        var locations = await AnsweredLocations.LoadAsync(session, [answer], profile, http.RequestAborted);
        return locations.GetValueOrDefault(AnsweredLocations.KeyOf(answer));
    }
}

/// <summary>A refusal decided in the transaction (If-Match, a missing indicator...): its status and OperationOutcome.</summary>
public sealed class RefusalAnswer(EntryAnswer answer) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = Fhir.FhirJson.ContentType;
        return http.Response.WriteAsync(answer.Outcome ?? "", http.RequestAborted);
    }
}
