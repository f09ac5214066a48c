namespace RorNational.Fhir.Auditing;

/// <summary>The section Audit of the configuration.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// Whether reads above the public level are recorded (true). False only to measure what
    /// recording costs (build/benchmarks/fhir-reads); the host logs a warning when it is off.
    /// </summary>
    public bool RecordReads { get; set; } = true;

    /// <summary>The access profile whose level is "public" (P0): a read showing nothing it hides is not recorded.</summary>
    public string PublicProfile { get; set; } = "public";

    /// <summary>At most this many records per flush (one INSERT; 12 parameters a record).</summary>
    public int MaxBatch { get; set; } = 256;
}
