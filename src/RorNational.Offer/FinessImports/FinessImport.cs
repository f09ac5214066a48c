using System.Text.Json.Serialization;
using RorNational.Finess;

namespace RorNational.Offer.FinessImports;

[JsonConverter(typeof(JsonStringEnumConverter<FinessImportStatus>))]
public enum FinessImportStatus { Running, Completed, Failed, Interrupted }

/// <summary>One line of the extract that was not imported, or imported with a warning.</summary>
public sealed record LineNote(long Line, string Message, string? Finess);

/// <summary>
/// The progress and report of one FINESS import, updated in the same transaction as each
/// batch of events it appends, so what it says has been imported has been.
/// </summary>
public sealed class FinessImport
{
    /// <summary>Per-line notes kept in the report; the counts stay exact beyond it.</summary>
    public const int MaxNotes = 1000;

    public string Id { get; set; } = "";
    public FinessImportStatus Status { get; set; }
    public string Format { get; set; } = "";
    public DateOnly? ExtractDate { get; set; }
    public bool FullExtract { get; set; }
    public string ImportedBy { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Failure { get; set; }

    public long LinesRead { get; set; }
    public long BytesRead { get; set; }
    public long TotalBytes { get; set; }
    public int Registered { get; set; }
    public int Updated { get; set; }
    public int Reopened { get; set; }
    public int Unchanged { get; set; }
    public int Closed { get; set; }
    public int RejectedCount { get; set; }
    public int WarningCount { get; set; }
    public List<LineNote> Rejections { get; set; } = [];
    public List<LineNote> Warnings { get; set; } = [];

    public static FinessImport Start(string id, FinessExtractInfo info, string by, DateTimeOffset now) => new()
    {
        Id = id,
        Status = FinessImportStatus.Running,
        Format = info.Format.ToString(),
        ExtractDate = info.ExtractDate,
        FullExtract = info.IsFullExtract,
        ImportedBy = by,
        StartedAt = now,
    };

    public void Note(FinessLine line)
    {
        switch (line)
        {
            case FinessRejection rejection:
                RejectedCount++;
                if (Rejections.Count < MaxNotes) Rejections.Add(new LineNote(rejection.Position, rejection.Message, rejection.Finess));
                break;
            case FinessWarning warning:
                WarningCount++;
                if (Warnings.Count < MaxNotes) Warnings.Add(new LineNote(warning.Position, warning.Message, warning.Finess));
                break;
        }
    }
}
