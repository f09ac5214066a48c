using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Subscriptions.Delivery;
using RorNational.Fhir.Subscriptions.Storage;
using RorNational.Fhir.Subscriptions.Topics;

namespace RorNational.Fhir.Subscriptions;

/// <summary>
/// Change notifications (Subscriptions R5 Backport IG on R4, rest-hook): the documents, the
/// services, and the delivery loop. The matching subscription of the async daemon
/// (<see cref="Matching.NotificationMatching"/>) is registered by the host with the store.
/// </summary>
public static class SubscriptionsModule
{
    public static StoreOptions ConfigureSubscriptions(this StoreOptions options)
    {
        options.Schema.For<TopicSubscription>();
        options.Schema.For<DeliveryState>();
        options.Schema.For<EventCounter>();
        options.Schema.For<NotificationEvent>().Index(e => new { e.SubscriptionId, e.Number });
        return options;
    }

    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<DeliveryOptions>(configuration.GetSection(DeliveryOptions.Section))
        .AddSingleton(provider => new FilterCriteria(provider.GetRequiredService<ReferenceData.Territory>(), RegroupementCatalogue.Default))
        .AddSingleton<DeliverySignal>()
        .AddSingleton<Storage.SubscriberProfiles>()
        .AddSingleton<RestHook>()
        .AddHostedService<NotificationDelivery>();
}
