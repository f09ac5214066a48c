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
        Check(settings);
        var durability = options.Durability;
        durability.HealthCheckPollingTime = settings.HealthCheckPollingTime;
        durability.FirstHealthCheckExecution = settings.FirstHealthCheckExecution;
        durability.StaleNodeTimeout = settings.StaleNodeTimeout;
        durability.OrphanedMessageSweepPollingTime = settings.OrphanedMessageSweepPollingTime;
        durability.NodeReassignmentPollingTime = settings.NodeReassignmentPollingTime;
        durability.DrainTimeout = settings.DrainTimeout;
        return options;
    }

    /// <summary>Periods that make no sense refuse the start: a live node would be found dead, or nothing would ever tick.</summary>
    private static void Check(NodeSettings settings)
    {
        var periods = new (string Name, TimeSpan Value)[]
        {
            (nameof(settings.HealthCheckPollingTime), settings.HealthCheckPollingTime),
            (nameof(settings.FirstHealthCheckExecution), settings.FirstHealthCheckExecution),
            (nameof(settings.StaleNodeTimeout), settings.StaleNodeTimeout),
            (nameof(settings.OrphanedMessageSweepPollingTime), settings.OrphanedMessageSweepPollingTime),
            (nameof(settings.NodeReassignmentPollingTime), settings.NodeReassignmentPollingTime),
            (nameof(settings.DrainTimeout), settings.DrainTimeout),
        };
        foreach (var (name, value) in periods)
            if (value <= TimeSpan.Zero)
                throw new InvalidOperationException($"{NodeSettings.SectionName}:{name} is {value}: it must be longer than zero");
        if (settings.StaleNodeTimeout < 2 * settings.HealthCheckPollingTime)
            throw new InvalidOperationException(
                $"{NodeSettings.SectionName}:StaleNodeTimeout ({settings.StaleNodeTimeout}) must be at least twice HealthCheckPollingTime " +
                $"({settings.HealthCheckPollingTime}): a live node would be found dead between two of its heartbeats");
    }
}
