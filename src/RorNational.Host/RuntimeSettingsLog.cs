using System.Runtime;

namespace RorNational.Host;

/// <summary>
/// Logs, once started, the GC the host runs with and the memory its heap may take: the hard
/// limit (<c>System.GC.HeapHardLimit</c> in the host's project, or <c>DOTNET_GCHeapHardLimit</c>)
/// when one is set, else the machine's or container's memory, so that an operator sees the
/// memory budget a deployment gave it.
/// </summary>
public sealed class RuntimeSettingsLog(IHostApplicationLifetime lifetime, ILogger<RuntimeSettingsLog> logger) : IHostedService
{
    public const string Message = "GC: ";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => logger.LogInformation(Message + "{Kind}, {AvailableMB} MB available to the heap",
            GCSettings.IsServerGC ? "server" : "workstation", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
