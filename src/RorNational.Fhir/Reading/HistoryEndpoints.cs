using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Reading;

/// <summary>vread and instance history: routes per resource type, so the CapabilityStatement sees each.</summary>
public static class HistoryEndpoints
{
    [WolverineGet("/fhir/Organization/{id}/_history/{vid}")]
    public static Task<FhirResourceResult> VreadOrganization(string id, string vid, IQuerySession session, CancellationToken cancellation) =>
        ResourceHistory.VreadAsync("Organization", id, vid, session, cancellation);

    [WolverineGet("/fhir/HealthcareService/{id}/_history/{vid}")]
    public static Task<FhirResourceResult> VreadHealthcareService(string id, string vid, IQuerySession session, CancellationToken cancellation) =>
        ResourceHistory.VreadAsync("HealthcareService", id, vid, session, cancellation);

    [WolverineGet("/fhir/Location/{id}/_history/{vid}")]
    public static Task<FhirResourceResult> VreadLocation(string id, string vid, IQuerySession session, CancellationToken cancellation) =>
        ResourceHistory.VreadAsync("Location", id, vid, session, cancellation);

    [WolverineGet("/fhir/Organization/{id}/_history")]
    public static Task<IResult> OrganizationHistory(string id, HttpContext context, IQuerySession session) =>
        ResourceHistory.AnswerAsync("Organization", id, context, session);

    [WolverineGet("/fhir/HealthcareService/{id}/_history")]
    public static Task<IResult> HealthcareServiceHistory(string id, HttpContext context, IQuerySession session) =>
        ResourceHistory.AnswerAsync("HealthcareService", id, context, session);

    [WolverineGet("/fhir/Location/{id}/_history")]
    public static Task<IResult> LocationHistory(string id, HttpContext context, IQuerySession session) =>
        ResourceHistory.AnswerAsync("Location", id, context, session);

    [WolverineGet("/fhir/Practitioner/{id}/_history/{vid}")]
    public static Task<FhirResourceResult> VreadPractitioner(string id, string vid, IQuerySession session, CancellationToken cancellation) =>
        ResourceHistory.VreadAsync("Practitioner", id, vid, session, cancellation);

    [WolverineGet("/fhir/PractitionerRole/{id}/_history/{vid}")]
    public static Task<FhirResourceResult> VreadPractitionerRole(string id, string vid, IQuerySession session, CancellationToken cancellation) =>
        ResourceHistory.VreadAsync("PractitionerRole", id, vid, session, cancellation);

    [WolverineGet("/fhir/Practitioner/{id}/_history")]
    public static Task<IResult> PractitionerHistory(string id, HttpContext context, IQuerySession session) =>
        ResourceHistory.AnswerAsync("Practitioner", id, context, session);

    [WolverineGet("/fhir/PractitionerRole/{id}/_history")]
    public static Task<IResult> PractitionerRoleHistory(string id, HttpContext context, IQuerySession session) =>
        ResourceHistory.AnswerAsync("PractitionerRole", id, context, session);
}
