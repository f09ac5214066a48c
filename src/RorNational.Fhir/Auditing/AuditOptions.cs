using System.ComponentModel.DataAnnotations;

namespace RorNational.Fhir.Auditing;

/// <summary>The section Audit of the configuration, checked at start-up (<see cref="Validate"/>).</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string Section = "Audit";

    /// <summary>
    /// Whether reads above the public level are recorded (true). False only to measure what
    /// recording costs (build/benchmarks/fhir-reads); the host logs a warning when it is off.
    /// </summary>
    public bool RecordReads { get; set; } = true;

    /// <summary>
    /// Measurement only (build/benchmarks/fhir-reads): what the writer does with a read's record
    /// instead of storing it, to measure the floors of recording (<see cref="AuditMeasurement"/>).
    /// Anything but <see cref="AuditMeasurement.None"/> (the default) loses every record; the host logs a warning.
    /// </summary>
    public AuditMeasurement Measurement { get; set; } = AuditMeasurement.None;

    /// <summary>The access profile whose level is "public" (P0): a read showing nothing it hides is not recorded.</summary>
    public string PublicProfile { get; set; } = "public";

    /// <summary>
    /// Whether a read waits for its record's WAL to reach the disk (PostgreSQL's
    /// synchronous_commit). False (the default): the record is committed, visible to every node
    /// and kept if the host is killed, but a crash of the PostgreSQL server or its machine may
    /// lose the records of its last few hundred milliseconds (3 x wal_writer_delay at most).
    /// True: nothing is lost even then, at the cost of one disk flush per group commit.
    /// </summary>
    public bool SynchronousCommit { get; set; }

    /// <summary>At most this many records per flush (one call of audit_intake_append, one transaction).</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>How often a node links into the chain what its reads committed to the intake (a record is in the chain this long after its read at most, or at the next read of the chain).</summary>
    public TimeSpan LinkInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a node links the intake whatever it wrote itself: records a stopped node left there.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many records per link (one transaction of the linker).</summary>
    public int MaxLink { get; set; } = 2000;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var (name, value) in new[] { (nameof(LinkInterval), LinkInterval), (nameof(SweepInterval), SweepInterval) })
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
                yield return new ValidationResult($"{Section}:{name} is {value}: it must be longer than zero and at most 01:00:00", [name]);
        foreach (var (name, value) in new[] { (nameof(MaxBatch), MaxBatch), (nameof(MaxLink), MaxLink) })
            if (value < 1) yield return new ValidationResult($"{Section}:{name} is {value}: it must be at least 1", [name]);
    }
}
