namespace RorNational.Fhir.Export;

/// <summary>
/// One bulk export (FHIR Bulk Data Access 2.0), from its kick-off to its expiry: what was
/// asked, by whom and with which access profile, where it stands, and the files it wrote. A
/// Marten document, so any node answers its polls and serves its files.
/// </summary>
public sealed class ExportJob
{
    public string Id { get; set; } = "";

    /// <summary>The client that kicked it off: the only one that may poll it, download its files or cancel it.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The access profile the files are redacted with: the client's at kick-off.</summary>
    public string Profile { get; set; } = "";

    /// <summary>The kick-off request's URL, as the manifest's <c>request</c> states it.</summary>
    public string Request { get; set; } = "";

    public ExportSelection Selection { get; set; } = new();

    public ExportStatus Status { get; set; }

    /// <summary>Resources written so far: what X-Progress tells a poller.</summary>
    public long Written { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The instant before which every change is in the files, and after which none is (the manifest's transactionTime).</summary>
    public DateTimeOffset? TransactionTime { get; set; }

    /// <summary>The last event of the store's sequence that the files reflect: the cut.</summary>
    public long? EventSequence { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the files are deleted (Export:Retention after completion).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public List<ExportOutput> Outputs { get; set; } = [];

    /// <summary>Why a Failed export failed, for the caller (never the data).</summary>
    public string? Error { get; set; }

    public bool IsActive => Status is ExportStatus.Accepted or ExportStatus.Running;
}

public enum ExportStatus
{
    /// <summary>Waiting on the durable queue.</summary>
    Accepted,
    Running,
    Completed,
    Failed,
    /// <summary>DELETE by its client: its files are gone, its polls answer 404.</summary>
    Cancelled,
    /// <summary>Past its retention: its files are gone, its polls answer 410.</summary>
    Expired,
}

/// <summary>One ndjson file of an export: the resources of one type (or the deleted ones), numbered from 1 within the export.</summary>
public sealed record ExportOutput(int Number, string Type, long Count, bool Deleted = false);
