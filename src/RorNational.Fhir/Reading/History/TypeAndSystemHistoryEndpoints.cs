using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// Type and system history (instance history is beside vread, in Reading/HistoryEndpoints):
/// one route per resource type, so the CapabilityStatement sees each.
/// </summary>
public static class TypeAndSystemHistoryEndpoints
{
    [WolverineGet("/fhir/_history")]
    public static Task<IResult> SystemHistory(HttpContext context, HistoryReader reader) =>
        AnswerAsync(HistoryScope.System, context, reader);

    [WolverineGet("/fhir/Organization/_history")]
    public static Task<IResult> OrganizationHistory(HttpContext context, HistoryReader reader) =>
        AnswerAsync(HistoryScope.OfType("Organization"), context, reader);

    [WolverineGet("/fhir/HealthcareService/_history")]
    public static Task<IResult> HealthcareServiceHistory(HttpContext context, HistoryReader reader) =>
        AnswerAsync(HistoryScope.OfType("HealthcareService"), context, reader);

    [WolverineGet("/fhir/Location/_history")]
    public static Task<IResult> LocationHistory(HttpContext context, HistoryReader reader) =>
        AnswerAsync(HistoryScope.OfType("Location"), context, reader);

    [WolverineGet("/fhir/Practitioner/_history")]
    public static Task<IResult> PractitionerHistory(HttpContext context, HistoryReader reader) =>
        AnswerAsync(HistoryScope.OfType("Practitioner"), context, reader);

    [WolverineGet("/fhir/PractitionerRole/_history")]
    public static Task<IResult> PractitionerRoleHistory(HttpContext context, HistoryReader reader) =>
        AnswerAsync(HistoryScope.OfType("PractitionerRole"), context, reader);

    /// <summary>A history of any scope, read for the caller's profile and written in the negotiated format.</summary>
    public static async Task<IResult> AnswerAsync(HistoryScope scope, HttpContext context, HistoryReader reader)
    {
        var format = FhirFormat.Of(context.Request);
        var request = HistoryRequest.Of(scope, context.Request.Query);
        var profile = context.RequestServices.GetRequiredService<AccessProfiles>().For(context);
        var page = await reader.ReadAsync(request, profile, context.RequestAborted);
        await context.RequestServices.GetRequiredService<ReadAudit>().RecordAsync(context, profile, AuditedReadOf(scope, page, context.Request));
        return new FhirJsonResult(HistoryBundle.Writer(page, request, profile, context.Request), format);
    }

    /// <summary>What a history page returned, for the audit of reads above the public level (BALP Query).</summary>
    private static AuditedRead AuditedReadOf(HistoryScope scope, HistoryPage page, HttpRequest request) => new(
        scope.IsInstance ? AuditedRead.HistoryInstance : scope.Type is null ? AuditedRead.HistorySystem : AuditedRead.HistoryType,
        scope.Type ?? "",
        page.Entries.Where(e => !e.Version.Deleted)
            .Select(e => new ReturnedResource(e.Version.ResourceType, e.Version.ResourceId, e.Version.Version, e.Version.ClassSets)).ToList(),
        RawQuery: ReadAudit.RawQueryOf(request, null));
}
