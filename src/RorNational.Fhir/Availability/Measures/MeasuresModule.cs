using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Availability.Measures.Searching;

namespace RorNational.Fhir.Availability.Measures;

public static class MeasuresModule
{
    /// <summary>
    /// The Measures (built once, from the regroupement catalogue AddAvailability registers) and
    /// what computes and searches the MeasureReports. Plain registrations: Wolverine builds its
    /// endpoints' services inline, without service location.
    /// </summary>
    public static IServiceCollection AddAvailabilityMeasures(this IServiceCollection services) => services
        .AddSingleton<AvailabilityMeasures>()
        .AddSingleton<AvailabilityReports>()
        .AddSingleton<MeasureSearchParser>()
        .AddSingleton<MeasureSearchResponder>();
}
