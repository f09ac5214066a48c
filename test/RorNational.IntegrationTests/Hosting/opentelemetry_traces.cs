using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

public sealed class opentelemetry_traces : ApiFixture
{
    private readonly ExportedActivities _exported = new();

    /// <summary>An exporter, as a deployment with a collector has: traces are recorded, every one of them.</summary>
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported).SetSampler(new AlwaysOnSampler()));

    [Test]
    public async Task a_command_is_traced_through_aspnet_core_marten_and_npgsql()
    {
        await Client.Register(Requests.Registration());

        // The server's activity stops when its pipeline ends, which may be just after the client
        // has the response: waited for, a few seconds at most.
        var exported = _exported.Snapshot();
        for (var wait = Stopwatch.StartNew(); !exported.Any(a => a.Source.Name == "Microsoft.AspNetCore") && wait.Elapsed < TimeSpan.FromSeconds(5);)
        {
            await Task.Delay(50);
            App.Services.GetRequiredService<TracerProvider>().ForceFlush();
            exported = _exported.Snapshot();
        }
        Assert.That(exported.Select(a => a.Source.Name).Distinct(), Is.SupersetOf(new[] { "Microsoft.AspNetCore", "Marten", "Npgsql" }));
        Assert.That(exported.Where(a => a.Source.Name == "Microsoft.AspNetCore").Select(a => a.DisplayName),
            Has.Some.Contains("/api/establishments"));
    }
}

/// <summary>
/// Without a collector, no activity is created: tracing costs a request nothing. Alone: the
/// listener would otherwise hear the activities of a fixture that exports them.
/// </summary>
[NonParallelizable]
public sealed class no_traces_without_a_collector : ApiFixture
{
    [Test]
    public async Task a_request_starts_no_activity_of_its_own()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Marten" or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        var sampled = new List<Activity>();
        listener.ActivityStopped = activity => { lock (sampled) if (activity.Recorded) sampled.Add(activity); };

        await Client.Register(Requests.Registration());

        lock (sampled) Assert.That(sampled, Is.Empty, "the host's tracer samples nothing: no activity is recorded");
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
