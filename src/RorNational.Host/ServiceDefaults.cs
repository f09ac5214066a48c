using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RorNational.Host.Health;

namespace RorNational.Host;

/// <summary>Telemetry, health checks and outbound HTTP resilience, the same for every deployment.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("RorNational"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Marten")
                .AddSource("Wolverine"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Marten")
                .AddMeter("Wolverine*"));
        // Exported only where a collector is configured; nothing is printed by default.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();

        // Outbound calls (none yet in the request path) get retries, timeouts and a circuit breaker.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        builder.Services.AddHealthChecks().AddCheck<EventStoreReadinessCheck>("event-store", tags: ["ready"]);
        builder.Services.AddSingleton<EventStoreReadinessCheck>();
        return builder;
    }
}
