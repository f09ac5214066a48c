using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Offer.Capacity.Grouping;
using RorNational.Offer.Capacity.Receipts;

namespace RorNational.Offer.Capacity;

/// <summary>What capacity supply adds to the store and the services.</summary>
public static class CapacityModule
{
    public static StoreOptions ConfigureCapacitySupply(this StoreOptions options)
    {
        // Stored with each change (a snapshot per lieu): a change fetching a lieu's stream for
        // writing reads that one document, never the stream's whole history, which grows by
        // every change of the lieu (folding it live cost more CPU than the rest of the write).
        options.Projections.Add<LieuCapacityAggregation>(ProjectionLifecycle.Inline);
        // One receipt per (client, request id): a concurrent duplicate fails on insert, a
        // replacement of an expired one fails if another replaced it first.
        options.Schema.For<SupplyReceipt>().UseOptimisticConcurrency(true).Index(r => r.At);
        return options;
    }

    public static IServiceCollection AddCapacitySupply(this IServiceCollection services)
    {
        services.AddOptions<CapacitySupplyOptions>().BindConfiguration(CapacitySupplyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // One queue of requests waiting for a write turn per process: its groups share a transaction.
        services.AddSingleton<SupplyGroups>();
        return services;
    }
}
