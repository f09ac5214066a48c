using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Availability.Placement;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Availability.Synthesis;

namespace RorNational.Fhir.Availability;

/// <summary>What the bed-availability synthesis adds to the store and the services.</summary>
public static class AvailabilityModule
{
    public static StoreOptions ConfigureAvailability(this StoreOptions options)
    {
        // Written by the publication (UnitPlacements), read by the synthesis: declared so that
        // db-apply creates its table before the first publication.
        options.Schema.For<UnitPlacement>();
        options.Schema.For<LieuAvailability>();
        // The figures of each lieu follow its capacity stream asynchronously: the async daemon runs it.
        options.Projections.Add<LieuAvailabilityProjection>(ProjectionLifecycle.Async);
        return options;
    }

    public static IServiceCollection AddAvailability(this IServiceCollection services)
    {
        services.AddOptions<AvailabilityOptions>().BindConfiguration(AvailabilityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton(RegroupementCatalogue.Default)
            .AddSingleton<PlacedUnits>()
            .AddSingleton<AvailabilityQueryReader>()
            .AddSingleton<AvailabilitySynthesis>();
    }
}
