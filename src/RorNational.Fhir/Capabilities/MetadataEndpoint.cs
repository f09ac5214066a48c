using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Capabilities;

public static class MetadataEndpoint
{
    [WolverineGet("/fhir/metadata")]
    public static IResult Get(HttpRequest request, CapabilityStatementBuilder builder)
    {
        var statement = builder.Build($"{request.Scheme}://{request.Host}{request.PathBase}/fhir");
        return Results.Text(FhirJson.Serialize(statement), FhirJson.ContentType);
    }
}
