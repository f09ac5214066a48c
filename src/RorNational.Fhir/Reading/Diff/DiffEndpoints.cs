using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using RorNational.Fhir.Reading.History;
using RorNational.Fhir.Storage;
using RorNational.Security.Callers;
using Wolverine.Http;

namespace RorNational.Fhir.Reading.Diff;

/// <summary>
/// <c>$diff</c> of two versions of a resource (<see cref="DiffVersions"/>), for auditors only
/// (403 otherwise, before anything is read): both versions are first redacted for the
/// caller's profile as vread serves them, and the differences are those of the redacted
/// views (<see cref="ResourceDiff"/>), so a diff never shows an element the profile hides.
/// One route per resource type, so the CapabilityStatement sees each.
/// </summary>
public static class DiffEndpoints
{
    [WolverineGet("/fhir/Organization/{id}/$diff")]
    public static Task<IResult> DiffOrganization(string id, HttpContext context, IQuerySession session, HistoryReader history) =>
        AnswerAsync("Organization", id, context, session, history);

    [WolverineGet("/fhir/HealthcareService/{id}/$diff")]
    public static Task<IResult> DiffHealthcareService(string id, HttpContext context, IQuerySession session, HistoryReader history) =>
        AnswerAsync("HealthcareService", id, context, session, history);

    [WolverineGet("/fhir/Location/{id}/$diff")]
    public static Task<IResult> DiffLocation(string id, HttpContext context, IQuerySession session, HistoryReader history) =>
        AnswerAsync("Location", id, context, session, history);

    [WolverineGet("/fhir/Practitioner/{id}/$diff")]
    public static Task<IResult> DiffPractitioner(string id, HttpContext context, IQuerySession session, HistoryReader history) =>
        AnswerAsync("Practitioner", id, context, session, history);

    [WolverineGet("/fhir/PractitionerRole/{id}/$diff")]
    public static Task<IResult> DiffPractitionerRole(string id, HttpContext context, IQuerySession session, HistoryReader history) =>
        AnswerAsync("PractitionerRole", id, context, session, history);

    public static async Task<IResult> AnswerAsync(string type, string id, HttpContext context, IQuerySession session, HistoryReader history)
    {
        if (!Rights.IsAuditor(Callers.Of(context))) throw Rights.Refusal();
        var format = FhirFormat.Of(context.Request);
        var includeMeta = IncludeMeta(context.Request.Query["includeMeta"]);
        var profile = context.RequestServices.GetRequiredService<AccessProfiles>().For(context);
        var cancellation = context.RequestAborted;
        var chosen = await DiffVersions.ChooseAsync(type, id, context.Request.Query, session, history, profile, cancellation);

        var from = chosen.From is null ? null : await RedactedAsync(chosen.From, session, profile, cancellation);
        var to = await RedactedAsync(chosen.To, session, profile, cancellation);
        var json = FhirJson.Serialize(ResourceDiff.Between(from, to, includeMeta));
        return Results.Text(FhirOutput.Render(json, format), format.ContentType, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>A version as vread serves it to the profile, read back as a resource.</summary>
    private static async Task<Resource> RedactedAsync(FhirResourceVersion version, IQuerySession session, AccessProfile profile, CancellationToken cancellation)
    {
        var since = await LaterVersions.SinceAsync(session, version.ResourceType, version.ResourceId, version.Version, cancellation);
        var redacted = Redaction.ForProfile(version.Json!, version.ClassSets, profile, since);
        return FhirJson.ParseOwn<Resource>(JsonNode.Parse(redacted)!.AsObject());
    }

    private static bool IncludeMeta(Microsoft.Extensions.Primitives.StringValues value) => value.Count switch
    {
        0 => false,
        1 when value[0] is "true" => true,
        1 when value[0] is "false" => false,
        _ => throw CommandRejected.Because(RejectionKind.Invalid, "must be true or false", "includeMeta"),
    };
}
