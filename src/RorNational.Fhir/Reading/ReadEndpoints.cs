using Marten;
using RorNational.Domain.Common;
using RorNational.Fhir.Storage;
using Wolverine.Http;

namespace RorNational.Fhir.Reading;

/// <summary>FHIR read: one route per resource type, so the CapabilityStatement sees each.</summary>
public static class ReadEndpoints
{
    [WolverineGet("/fhir/Organization/{id}")]
    public static Task<FhirResourceResult> ReadOrganization(string id, IQuerySession session, CancellationToken cancellation) =>
        Read<OrganizationDocument>("Organization", id, session, cancellation);

    [WolverineGet("/fhir/HealthcareService/{id}")]
    public static Task<FhirResourceResult> ReadHealthcareService(string id, IQuerySession session, CancellationToken cancellation) =>
        Read<HealthcareServiceDocument>("HealthcareService", id, session, cancellation);

    [WolverineGet("/fhir/Location/{id}")]
    public static Task<FhirResourceResult> ReadLocation(string id, IQuerySession session, CancellationToken cancellation) =>
        Read<LocationDocument>("Location", id, session, cancellation);

    [WolverineGet("/fhir/Practitioner/{id}")]
    public static Task<FhirResourceResult> ReadPractitioner(string id, IQuerySession session, CancellationToken cancellation) =>
        Read<PractitionerDocument>("Practitioner", id, session, cancellation);

    [WolverineGet("/fhir/PractitionerRole/{id}")]
    public static Task<FhirResourceResult> ReadPractitionerRole(string id, IQuerySession session, CancellationToken cancellation) =>
        Read<PractitionerRoleDocument>("PractitionerRole", id, session, cancellation);

    private static async Task<FhirResourceResult> Read<TDocument>(string type, string id, IQuerySession session, CancellationToken cancellation)
        where TDocument : FhirDocument
    {
        var document = await session.LoadAsync<TDocument>(id, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} is not known");
        if (document.Retired) throw CommandRejected.Because(RejectionKind.Gone, $"{type}/{id} is no longer published");
        return new FhirResourceResult(type, document);
    }
}
