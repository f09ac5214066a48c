namespace RorNational.Fhir.Export.Running;

/// <summary>Runs an accepted export: sent to the durable export queue with the job, in the kick-off's transaction.</summary>
public sealed record RunExport(string ExportId);

/// <summary>Deletes an export's files once its retention is past: scheduled on the durable queue when it completes.</summary>
public sealed record ExpireExport(string ExportId);
