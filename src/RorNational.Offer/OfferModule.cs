using JasperFx.Events.Projections;
using Marten;
using RorNational.Offer.Establishments;
using RorNational.Offer.History;

namespace RorNational.Offer;

/// <summary>Everything the offer's write side adds to the store.</summary>
public static class OfferModule
{
    public static StoreOptions ConfigureOffer(this StoreOptions options)
    {
        options.Projections.Add<EJAggregation>(ProjectionLifecycle.Live);
        options.Projections.Add<EGAggregation>(ProjectionLifecycle.Live);
        options.Projections.Add<EstablishmentTimelineProjection>(ProjectionLifecycle.Async);
        return options;
    }
}
