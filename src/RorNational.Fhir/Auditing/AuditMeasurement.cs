namespace RorNational.Fhir.Auditing;

/// <summary>
/// The floors of recording a read, measured by build/benchmarks/fhir-reads against a host that
/// records nothing (Audit:RecordReads=false): each mode keeps one part of the work and drops the rest.
/// Every mode but <see cref="None"/> loses the records: for measurement only.
/// </summary>
public enum AuditMeasurement
{
    /// <summary>Records are stored (production).</summary>
    None,

    /// <summary>A record is built as for the intake, then dropped: the read does not wait for anything.</summary>
    BuiltOnly,

    /// <summary>
    /// Records are handed to the writer and grouped as always, and each group waits for
    /// PostgreSQL to answer one statement on the writer's connection, which neither inserts nor commits anything.
    /// </summary>
    AcknowledgedOnly,
}
