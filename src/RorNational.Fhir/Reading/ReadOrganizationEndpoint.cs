using Marten;
using RorNational.Domain.Common;
using RorNational.Fhir.Organizations;
using Wolverine.Http;

namespace RorNational.Fhir.Reading;

public static class ReadOrganizationEndpoint
{
    [WolverineGet("/fhir/Organization/{id}")]
    public static async Task<FhirResourceResult> Get(string id, IQuerySession session, CancellationToken cancellation)
    {
        var document = await session.LoadAsync<OrganizationDocument>(id, cancellation)
            ?? throw CommandRejected.Because(RejectionKind.NotFound, $"Organization/{id} is not known");
        return new FhirResourceResult(document);
    }
}
