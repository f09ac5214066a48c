using System.Reflection;
using JasperFx.Events;
using RorNational.Domain.Establishments;
using Wolverine.Http;

namespace RorNational.Offer.Establishments;

/// <summary>The offer's conventions on its Wolverine endpoints.</summary>
public static class OfferEndpoints
{
    /// <summary>Every endpoint that changes an EG's stream checks If-Match against it first (<see cref="IfMatch"/>).</summary>
    public static void ConfigureOfferEndpoints(this WolverineHttpOptions options) =>
        options.AddMiddleware(typeof(IfMatch), ChangesAnEG);

    public static bool ChangesAnEG(HttpChain chain) =>
        chain.RoutePattern?.GetParameter("egId") is not null
        && chain.Method.Method.GetParameters().Any(parameter => parameter.ParameterType == typeof(IEventStream<EG>)
                                                               && parameter.GetCustomAttributes().Any(a => a is Wolverine.Marten.WriteAggregateAttribute));
}
