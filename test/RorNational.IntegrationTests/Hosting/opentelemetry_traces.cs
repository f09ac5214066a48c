using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

public sealed class opentelemetry_traces : ApiFixture
{
    private readonly ExportedActivities _exported = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported));

    [Test]
    public async Task a_command_is_traced_through_aspnet_core_marten_and_npgsql()
    {
        await Client.Register(Requests.Registration());
        App.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var exported = _exported.Snapshot();
        Assert.That(exported.Select(a => a.Source.Name).Distinct(), Is.SupersetOf(new[] { "Microsoft.AspNetCore", "Marten", "Npgsql" }));
        Assert.That(exported.Where(a => a.Source.Name == "Microsoft.AspNetCore").Select(a => a.DisplayName),
            Has.Some.Contains("/api/establishments"));
    }
}

/// <summary>
/// What the in-memory exporter writes to: the async daemon keeps exporting in the background,
/// so additions and the test's snapshot take the same lock.
/// </summary>
internal sealed class ExportedActivities : System.Collections.ObjectModel.Collection<Activity>
{
    private readonly Lock _lock = new();

    protected override void InsertItem(int index, Activity item)
    {
        lock (_lock) base.InsertItem(index, item);
    }

    public List<Activity> Snapshot()
    {
        lock (_lock) return [.. Items];
    }
}
