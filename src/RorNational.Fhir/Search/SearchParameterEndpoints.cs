using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Http;
using RorNational.Fhir.Search.Definitions;
using Wolverine.Http;

namespace RorNational.Fhir.Search;

/// <summary>The SearchParameter resources this server searches with, as in fhir-profiles/.</summary>
public static class SearchParameterEndpoints
{
    [WolverineGet("/fhir/SearchParameter/{id}")]
    public static async Task Read(string id, HttpContext context, SearchParameterCatalog catalog)
    {
        var format = FhirFormat.Of(context.Request);
        var parameter = catalog.ById(id) ?? throw CommandRejected.Because(RejectionKind.NotFound, $"SearchParameter/{id} is not known");
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, parameter.Json, format);
    }
}
