using System.Runtime;

namespace RorNational.Host;

/// <summary>
/// Logs, once started, the GC the host runs with and the memory its heap may take: the hard
/// limit (<c>System.GC.HeapHardLimit</c> in the host's project, or <c>DOTNET_GCHeapHardLimit</c>)
/// when one is set, else the machine's or container's memory, so that an operator sees the
/// memory budget a deployment gave it; and how long the thread pool's idle workers spin for work
/// (<c>System.Threading.ThreadPool.UnfairSemaphoreSpinLimit</c> in the host's project, or
/// <c>DOTNET_ThreadPool_UnfairSemaphoreSpinLimit</c>, which wins).
/// </summary>
public sealed class RuntimeSettingsLog(IHostApplicationLifetime lifetime, ILogger<RuntimeSettingsLog> logger) : IHostedService
{
    public const string Message = "GC: ";
    public const string SpinMessage = "Thread pool: idle workers spin ";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            logger.LogInformation(Message + "{Kind}, {AvailableMB} MB available to the heap",
                GCSettings.IsServerGC ? "server" : "workstation", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024));
            logger.LogInformation(SpinMessage + "{SpinLimit}", SpinLimit());
        });
        return Task.CompletedTask;
    }

    /// <summary>The spin limit the runtime reads: the environment's, else the runtimeconfig's, else its default.</summary>
    private static string SpinLimit() =>
        Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") is { Length: > 0 } fromEnvironment ? $"{fromEnvironment} (environment)"
        : AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit") is { } configured ? $"{configured} (runtimeconfig)"
        : "the runtime's default";

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
