using Microsoft.AspNetCore.Http;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Capabilities;

public static class MetadataEndpoint
{
    [WolverineGet("/fhir/metadata")]
    public static Task Get(HttpContext context, CapabilityStatementBuilder builder, AccessProfiles profiles)
    {
        var request = context.Request;
        var format = FhirFormat.Of(request);
        var statement = builder.Build($"{request.Scheme}://{request.Host}{request.PathBase}/fhir", profiles.For(context));
        return FhirOutput.WriteAsync(context, StatusCodes.Status200OK, FhirJson.Serialize(statement), format);
    }
}
