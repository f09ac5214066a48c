using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RorNational.Offer.Capacity;
using RorNational.Offer.Capacity.Indicators;
using RorNational.Offer.Capacity.Protocol;
using RorNational.Offer.Establishments;
using RorNational.Offer.FinessImports;
using RorNational.Offer.FinessImports.StoredExtracts;
using RorNational.Offer.History;
using RorNational.Offer.Practitioners;
using RorNational.ReferenceData;

namespace RorNational.Offer;

/// <summary>Everything the offer's write side adds to the store.</summary>
public static class OfferModule
{
    public static StoreOptions ConfigureOffer(this StoreOptions options)
    {
        // Snapshots kept inline: commands load them without replaying, imports load them by batch.
        options.Projections.Add<EJAggregation>(ProjectionLifecycle.Inline);
        options.Projections.Add<EGAggregation>(ProjectionLifecycle.Inline);
        options.Projections.Add<PractitionerAggregation>(ProjectionLifecycle.Inline);
        // Optimistic concurrency: two runs of one import (a node thought dead, and the one that
        // took its message over) never both commit a batch.
        options.Schema.For<FinessImport>().UseOptimisticConcurrency(true);
        options.Storage.ExtendedSchemaObjects.Add(StoredExtractTable.In(options.DatabaseSchemaName));
        // A batch's progress, stored by its last statement in the extract's order.
        options.Storage.ExtendedSchemaObjects.Add(FinessImportProgress.In(options.DatabaseSchemaName));
        // The auditors' timeline: a row per event of an establishment and of its lieux' capacity, by
        // sequence, written with the events (inline: the events are at hand, not read back by the daemon).
        options.Storage.ExtendedSchemaObjects.Add(TimelineTable.In(options.DatabaseSchemaName));
        options.Projections.Add(new EstablishmentTimelineIndex(), ProjectionLifecycle.Inline);
        options.ConfigureCapacitySupply();
        return options;
    }

    public static IServiceCollection AddOffer(this IServiceCollection services)
    {
        // The région of an EG's commune decides who validates its dossiers.
        services.TryAddSingleton(Territory.Default);
        // The codes of the national value sets every coded field of a description must be in.
        services.TryAddSingleton(NationalValueSets.Default);
        // The capacity indicators suppliers may write (fhir-profiles/capacity), and the reader of their patches.
        services.TryAddSingleton(IndicatorCatalogue.Default);
        services.TryAddSingleton<CapacityPatchReader>();
        services.AddCapacitySupply();
        services.AddOptions<FinessImportOptions>().BindConfiguration(FinessImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<FinessImportEnding>();
    }
}
