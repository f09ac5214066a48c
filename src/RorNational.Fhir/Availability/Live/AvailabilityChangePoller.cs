using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// One per node: while at least one stream is open on this node, reads the availability
/// watermark (<see cref="AvailabilityWatermark"/>: two indexed lookups) every
/// <see cref="LiveOptions.PollInterval"/>, and raises <see cref="AvailabilityChanges"/> when it
/// moved. Every node polls the one database, so a change written through any node, or by the
/// asynchronous projection on whichever node runs it, reaches the streams of every node.
/// With no stream open it reads nothing, and forgets its last reading (a page refetches when
/// its stream opens, so nothing is lost in between).
/// </summary>
public sealed class AvailabilityChangePoller(
    IDocumentStore store, AvailabilityChanges changes, IOptions<LiveOptions> options, ILogger<AvailabilityChangePoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var watermark = new AvailabilityWatermark(store);
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        AvailabilityWatermark.Reading? last = null;
        var failing = false;
        while (await timer.WaitForNextTickAsync(stopping))
        {
            if (changes.Streams == 0)
            {
                last = null;
                continue;
            }
            try
            {
                var reading = await watermark.ReadAsync(stopping);
                if (last is not null && reading != last) changes.Raise();
                last = reading;
                if (failing) logger.LogInformation("The availability watermark is readable again");
                failing = false;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // The database away: streams stay open (heartbeats go on) and the next tick tries again.
                if (!failing) logger.LogWarning("Cannot read the availability watermark ({Error}); live updates wait for the database", e.GetType().Name);
                failing = true;
            }
        }
    }
}
