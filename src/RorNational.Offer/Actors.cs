using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;

namespace RorNational.Offer;

public static class Actors
{
    /// <summary>The authenticated caller, or <see cref="Actor.Anonymous"/> where no authentication runs.</summary>
    public static Actor Of(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? new Actor(name) : Actor.Anonymous;
}
