using Wolverine;

namespace RorNational.Host.Nodes;

/// <summary>Wolverine's node membership, leadership and recovery, from the <c>Nodes</c> settings.</summary>
public static class NodeConfiguration
{
    public static NodeSettings ReadNodeSettings(this IConfiguration configuration) =>
        configuration.GetSection(NodeSettings.SectionName).Get<NodeSettings>() ?? new NodeSettings();

    /// <summary>Logs which node this process is, once it runs.</summary>
    public static IServiceCollection AddNodeIdentityLog(this IServiceCollection services) =>
        services.AddHostedService<NodeIdentityLog>();

    public static WolverineOptions ConfigureNodes(this WolverineOptions options, NodeSettings settings)
    {
        options.Durability.Mode = settings.Mode switch
        {
            "Balanced" => DurabilityMode.Balanced,
            "Solo" => DurabilityMode.Solo,
            _ => throw new InvalidOperationException($"{NodeSettings.SectionName}:Mode is '{settings.Mode}': expected Balanced or Solo"),
        };
        var durability = options.Durability;
        durability.HealthCheckPollingTime = settings.HealthCheckPollingTime;
        durability.FirstHealthCheckExecution = settings.FirstHealthCheckExecution;
        durability.StaleNodeTimeout = settings.StaleNodeTimeout;
        durability.OrphanedMessageSweepPollingTime = settings.OrphanedMessageSweepPollingTime;
        durability.NodeReassignmentPollingTime = settings.NodeReassignmentPollingTime;
        durability.DrainTimeout = settings.DrainTimeout;
        return options;
    }
}
