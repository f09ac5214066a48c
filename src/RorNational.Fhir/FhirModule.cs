using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Capabilities;
using RorNational.Fhir.Errors;
using RorNational.Fhir.Publishing;

namespace RorNational.Fhir;

/// <summary>Everything the FHIR read side adds to the store, the services and the pipeline.</summary>
public static class FhirModule
{
    /// <param name="regionOfCommune">The INSEE région code (TRE_R30) of a commune COG, for the source-region tag.</param>
    public static StoreOptions ConfigureFhir(this StoreOptions options, Func<string, string?> regionOfCommune)
    {
        options.Projections.Add(new EstablishmentPublicationProjection(regionOfCommune), ProjectionLifecycle.Inline);
        return options;
    }

    public static IServiceCollection AddFhir(this IServiceCollection services) =>
        services.AddSingleton<CapabilityStatementBuilder>();

    /// <summary>Must come first in the pipeline: every error below it becomes an OperationOutcome.</summary>
    public static IApplicationBuilder UseFhirErrors(this IApplicationBuilder app) =>
        app.UseMiddleware<ErrorResponseMiddleware>();
}
