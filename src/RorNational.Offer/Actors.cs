using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Security.Callers;

namespace RorNational.Offer;

public static class Actors
{
    /// <summary>The registered client calling, recorded in the events as who did it; <see cref="Actor.Anonymous"/> for nobody.</summary>
    public static Actor Of(HttpContext http) =>
        Callers.Of(http).Client is { } client ? new Actor(client.Id) : Actor.Anonymous;
}
