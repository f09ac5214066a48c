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
        // What the grid reads of each unit also in columns of their own (the filters use their indexes).
        options.Schema.For<UnitPlacement>()
            .Duplicate(p => p.Region).Duplicate(p => p.Departement).Duplicate(p => p.Regroupement)
            .Duplicate(p => p.Sensitive).Duplicate(p => p.MedicoSocial);
        // The figures of each lieu, written by the publication with each capacity change.
        options.Storage.ExtendedSchemaObjects.Add(AvailabilityFiguresTable.In(options.DatabaseSchemaName));
        // The live changes stream follows the event store's high-water mark (AvailabilityWatermark):
        // the daemon looks for new events every 250 ms when idle (1 s by default, which alone
        // made the stream about 1 s late).
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
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
