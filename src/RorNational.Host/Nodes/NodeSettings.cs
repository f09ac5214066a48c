namespace RorNational.Host.Nodes;

/// <summary>
/// How the nodes of one database find each other alive or dead (configuration section
/// <c>Nodes</c>). Every host process is a Wolverine node: it writes a heartbeat in the
/// database's node table every <see cref="HealthCheckPollingTime"/>; one node, the leader
/// (elected with a PostgreSQL advisory lock), assigns each asynchronous projection to exactly
/// one live node. A node stopped with SIGTERM leaves the table at once and the leader
/// reassigns its work on its next tick; a node killed is ejected once its heartbeat is older
/// than <see cref="StaleNodeTimeout"/> (seen stale on two ticks in a row), then its projections
/// and the messages it owned go to the nodes that remain.
/// </summary>
public sealed record NodeSettings
{
    public const string SectionName = "Nodes";

    /// <summary><c>Balanced</c> (several nodes, the default) or <c>Solo</c> (one process only: every agent starts at once on it).</summary>
    public string Mode { get; init; } = "Balanced";

    /// <summary>Heartbeat, and the leader's check of assignments. A handover takes at least one tick.</summary>
    public TimeSpan HealthCheckPollingTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First heartbeat after start-up.</summary>
    public TimeSpan FirstHealthCheckExecution { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A node whose heartbeat is older is dead. Longer than the worst pause a live node may take
    /// (garbage collection, a database failover), or a live node's work would be moved.
    /// </summary>
    public TimeSpan StaleNodeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the messages owned by a node that is gone are released to the others.</summary>
    public TimeSpan OrphanedMessageSweepPollingTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often released messages are taken up again, by the node that runs the durability agent.</summary>
    public TimeSpan NodeReassignmentPollingTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping node lets the messages it is handling finish before it stops.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
