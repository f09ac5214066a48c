using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

public sealed class opentelemetry_traces : ApiFixture
{
    private readonly List<Activity> _exported = [];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported));

    [Test]
    public async Task a_command_is_traced_through_aspnet_core_marten_and_npgsql()
    {
        await Client.Register(Requests.Registration());
        App.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<string> sources;
        lock (_exported) sources = _exported.Select(a => a.Source.Name).Distinct().ToList();
        Assert.That(sources, Is.SupersetOf(new[] { "Microsoft.AspNetCore", "Marten", "Npgsql" }));
        Assert.That(_exported.Where(a => a.Source.Name == "Microsoft.AspNetCore").Select(a => a.DisplayName),
            Has.Some.Contains("/api/establishments"));
    }
}
