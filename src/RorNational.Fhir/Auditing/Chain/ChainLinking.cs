using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RorNational.Fhir.Auditing.Chain;

/// <summary>
/// One per node: every <see cref="AuditOptions.LinkInterval"/>, links into the chain what this
/// node's writer committed to the intake since (<see cref="ChainLinker"/>), so that a chain link
/// costs a share of one transaction of many records, off every read's path; and every
/// <see cref="AuditOptions.SweepInterval"/> whatever it wrote, for records a stopped node left
/// there. Idle, it reads nothing. On shutdown, it links what is left.
/// </summary>
public sealed class ChainLinking(ChainLinker linker, IOptions<AuditOptions> options, ILogger<ChainLinking> logger) : BackgroundService
{
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var interval = options.Value.LinkInterval;
        using var timer = new PeriodicTimer(interval);
        var idle = TimeSpan.Zero;
        while (await timer.WaitForNextTickAsync(stopping))
        {
            idle += interval;
            if (!linker.TakeCommitted() && idle < options.Value.SweepInterval) continue;
            idle = TimeSpan.Zero;
            await LinkAsync(stopping);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await LinkAsync(cancellationToken);
    }

    private async Task LinkAsync(CancellationToken cancellation)
    {
        try
        {
            await linker.CatchUpAsync(cancellation);
            if (_failing) logger.LogInformation("The audit chain links again");
            _failing = false;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            // The database away: the records stay in the intake, committed; the next tick tries again.
            if (!_failing) logger.LogWarning("Cannot link the audit intake into the chain ({Error}); its records wait, committed", e.GetType().Name);
            _failing = true;
            linker.Committed();
        }
    }
}
