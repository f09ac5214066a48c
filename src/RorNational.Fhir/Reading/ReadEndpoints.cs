using Marten;
using RorNational.Domain.Common;
using RorNational.Fhir.Storage;
using Wolverine.Http;

namespace RorNational.Fhir.Reading;

/// <summary>FHIR read: one route per resource type, so the CapabilityStatement sees each.</summary>
public static class ReadEndpoints
{
    [WolverineGet("/fhir/Organization/{id}")]
    public static Task<FhirResourceResult> ReadOrganization(string id, IDocumentStore store, CancellationToken cancellation) =>
        Read<OrganizationDocument>("Organization", id, store, cancellation);

    [WolverineGet("/fhir/HealthcareService/{id}")]
    public static Task<FhirResourceResult> ReadHealthcareService(string id, IDocumentStore store, CancellationToken cancellation) =>
        Read<HealthcareServiceDocument>("HealthcareService", id, store, cancellation);

    [WolverineGet("/fhir/Location/{id}")]
    public static Task<FhirResourceResult> ReadLocation(string id, IDocumentStore store, CancellationToken cancellation) =>
        Read<LocationDocument>("Location", id, store, cancellation);

    [WolverineGet("/fhir/Practitioner/{id}")]
    public static Task<FhirResourceResult> ReadPractitioner(string id, IDocumentStore store, CancellationToken cancellation) =>
        Read<PractitionerDocument>("Practitioner", id, store, cancellation);

    [WolverineGet("/fhir/PractitionerRole/{id}")]
    public static Task<FhirResourceResult> ReadPractitionerRole(string id, IDocumentStore store, CancellationToken cancellation) =>
        Read<PractitionerRoleDocument>("PractitionerRole", id, store, cancellation);

    private static async Task<FhirResourceResult> Read<TDocument>(string type, string id, IDocumentStore store, CancellationToken cancellation)
        where TDocument : FhirDocument
    {
        var resource = await CurrentResources.LoadAsync<TDocument>(store, id, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"{type}/{id} is not known");
        if (resource.Retired) throw CommandRejected.Because(RejectionKind.Gone, $"{type}/{id} is no longer published");
        return new FhirResourceResult(type, resource);
    }
}
