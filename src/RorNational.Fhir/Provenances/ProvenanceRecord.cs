using RorNational.Fhir.Auditing.Chain;

namespace RorNational.Fhir.Provenances;

/// <summary>
/// The Provenance of one write that published new versions, stored in the events' transaction
/// (never lost, never ahead of the versions it names; <see cref="ProvenanceRecordTable"/>), then appended to the audit chain in the
/// order of <see cref="Sequence"/> (<see cref="ProvenanceChaining"/>), from which it is served.
/// </summary>
public sealed class ProvenanceRecord
{
    public const string Kind = "Provenance";

    public string Id { get; set; } = "";

    /// <summary>The global sequence of the write's last event: the order of the chain.</summary>
    public long Sequence { get; set; }

    /// <summary>The stream written (eg-..., ej-..., capacity-...).</summary>
    public string Stream { get; set; } = "";

    public DateTimeOffset Recorded { get; set; }

    /// <summary>The client ids of every agent (author, verifier): what <c>agent</c> searches.</summary>
    public string[] Agents { get; set; } = [];

    /// <summary>The agent the chain's <c>agent</c> column names: the verifier of a validation, else the author.</summary>
    public string MainAgent { get; set; } = "";

    /// <summary>author or verifier: the type of <see cref="MainAgent"/>.</summary>
    public string MainAgentType { get; set; } = "";

    /// <summary>CREATE, UPDATE or DELETE (v3-DataOperation).</summary>
    public string Activity { get; set; } = "";

    /// <summary>The versioned references of the targets ("Location/x/_history/7").</summary>
    public string[] Targets { get; set; } = [];

    /// <summary>
    /// For each target, in order, the classes of its content as a whole (<see cref="TargetClasses.Of"/>):
    /// a profile that hides them may not see that target, and does not see a Provenance none of whose targets it may see.
    /// </summary>
    public int[] TargetClasses { get; set; } = [];

    /// <summary>The Provenance resource, as chained and served (to a profile that sees every target).</summary>
    public string Json { get; set; } = "";

    /// <summary>The chain's record: the targets with and without version (a search by either), their types, the main agent, the activity.</summary>
    public ChainedRecord ToChained() => new(
        Kind, Id, Recorded, MainAgent, Activity, MainAgentType,
        [.. Targets, .. Targets.Select(Unversioned).Distinct()],
        [.. Targets.Select(t => t[..t.IndexOf('/')]).Distinct()],
        Json);

    public static string Unversioned(string versioned) => versioned[..versioned.IndexOf("/_history/", StringComparison.Ordinal)];
}
