using Microsoft.AspNetCore.Http;
using RorNational.Fhir.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Capabilities;

public static class MetadataEndpoint
{
    [WolverineGet("/fhir/metadata")]
    public static Task Get(HttpContext context, CapabilityStatementBuilder builder)
    {
        var request = context.Request;
        var format = FhirFormat.Of(request);
        var statement = builder.Build($"{request.Scheme}://{request.Host}{request.PathBase}/fhir");
        return FhirOutput.WriteAsync(context, StatusCodes.Status200OK, FhirJson.Serialize(statement), format);
    }
}
