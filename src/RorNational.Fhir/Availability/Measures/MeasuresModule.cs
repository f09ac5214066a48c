using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Availability.Measures.Searching;
using RorNational.Fhir.Availability.Regroupements;

namespace RorNational.Fhir.Availability.Measures;

public static class MeasuresModule
{
    /// <summary>The Measures (built once) and what computes and searches the MeasureReports.</summary>
    public static IServiceCollection AddAvailabilityMeasures(this IServiceCollection services) => services
        .AddSingleton(new AvailabilityMeasures(RegroupementCatalogue.Default))
        .AddScoped<AvailabilityReports>(provider => new AvailabilityReports(
            provider.GetRequiredService<Synthesis.AvailabilitySynthesis>(), RegroupementCatalogue.Default))
        .AddSingleton<MeasureSearchParser>()
        .AddScoped<MeasureSearchResponder>();
}
