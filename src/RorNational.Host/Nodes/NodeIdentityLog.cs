using Wolverine.Runtime;

namespace RorNational.Host.Nodes;

/// <summary>
/// Logs, once started, which Wolverine node this process is: the id found in the node tables
/// (<c>wolverine_nodes</c>, <c>wolverine_node_assignments</c>), so that an operator can tell
/// which process runs which projection.
/// </summary>
public sealed class NodeIdentityLog(IWolverineRuntime runtime, IHostApplicationLifetime lifetime, ILogger<NodeIdentityLog> logger)
    : IHostedService
{
    public const string Message = "This process is Wolverine node ";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
            logger.LogInformation(Message + "{NodeId}", runtime.Options.UniqueNodeId));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
