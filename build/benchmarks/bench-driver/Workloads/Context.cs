using Bench.Discovery;
using Bench.Http;
using Bench.Limits;

namespace Bench.Workloads;

/// <summary>What every workload is given: the settings, the ids found by SQL, the tokens, the host, the floor server, pgbench and the database.</summary>
public sealed record Context(Settings Settings, Ids Ids, Tokens Tokens, Server Host, Server Floor, Pgbench Pgbench, string ConnectionString)
{
    /// <summary>Connections of the search workloads and of the crisis mix's searches.</summary>
    public const int SearchConnections = 8;
}
