using Microsoft.AspNetCore.Http;
using RorNational.Fhir.Access;
using RorNational.Fhir.Availability.Synthesis;
using RorNational.Security.Access;
using Wolverine.Http;

namespace RorNational.Fhir.Availability.Http;

/// <summary>
/// GET /api/availability (the grid) and GET /api/availability/units (the drill-down), as JSON,
/// for every caller with its consumer profile, as FHIR reads: what the profile may not read is
/// left out (<see cref="UnitView"/>), nothing is refused by a right.
/// </summary>
public static class AvailabilityEndpoints
{
    [WolverineGet("/api/availability")]
    [ConsumerRead]
    public static async Task<IResult> Grid(
        HttpContext http, AvailabilityQueryReader reader, AvailabilitySynthesis synthesis, AccessProfiles profiles, CancellationToken cancellation) =>
        Json(await synthesis.GridAsync(reader.Read(http.Request.Query), profiles.For(http), cancellation));

    [WolverineGet("/api/availability/units")]
    [ConsumerRead]
    public static async Task<IResult> Units(
        HttpContext http, AvailabilityQueryReader reader, AvailabilitySynthesis synthesis, AccessProfiles profiles, CancellationToken cancellation) =>
        Json(await synthesis.UnitsAsync(reader.Read(http.Request.Query), profiles.For(http), cancellation));

    /// <summary>Computed for the caller at each request: never stored by a shared cache.</summary>
    private static IResult Json<T>(T body) => new NoStore(Results.Json(body, AvailabilityJson.Options));

    private sealed class NoStore(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.CacheControl = "private, no-store";
            return inner.ExecuteAsync(http);
        }
    }
}
