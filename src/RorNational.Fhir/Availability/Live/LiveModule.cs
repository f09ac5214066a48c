using Microsoft.Extensions.DependencyInjection;

namespace RorNational.Fhir.Availability.Live;

/// <summary>The live updates of the availability page: this node's change signal, its poller, their settings.</summary>
public static class LiveModule
{
    public static IServiceCollection AddAvailabilityLive(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<AvailabilityChanges>()
            .AddHostedService<AvailabilityChangePoller>();
    }
}
