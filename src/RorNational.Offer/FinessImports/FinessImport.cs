using System.Text.Json.Serialization;
using RorNational.Finess;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// Where an import is. <see cref="ClosuresWithheld"/>: every line was imported, but the
/// extract left out more open EGs than the guard lets close without confirmation, so none
/// was closed (see <see cref="FinessImport.Withheld"/>). <see cref="Interrupted"/> is no
/// longer written (an import stopped by a restart is resumed); it stays to read the reports
/// of imports stopped before imports were durable.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinessImportStatus>))]
public enum FinessImportStatus { Running, Completed, Failed, Interrupted, ClosuresWithheld }

/// <summary>The closures a full extract called for and the guard held back.</summary>
/// <param name="Count">The open EGs the extract does not list, all left open.</param>
/// <param name="OpenEstablishments">The open EGs of the repository when the import ended.</param>
/// <param name="MaxClosureShare">The share closed without confirmation (Finess:MaxClosureShare).</param>
/// <param name="Finess">The FINESS numbers of the first of them, to check against the file.</param>
public sealed record WithheldClosures(int Count, int OpenEstablishments, double MaxClosureShare, string Reason, List<string> Finess);

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

    /// <summary>The request asked for every closure the extract calls for (<c>?confirmClosures=true</c>).</summary>
    public bool ClosuresConfirmed { get; set; }

    /// <summary>Set when the closure guard held the closures back; null otherwise.</summary>
    public WithheldClosures? Withheld { get; set; }

    /// <summary>The batches committed so far, the last one included once the import has ended.</summary>
    public int Batches { get; set; }

    /// <summary>
    /// The entries of the extract (establishments, rejections, warnings, in reading order)
    /// whose batch is committed: an import resumed after a restart or a failure starts after them.
    /// </summary>
    public long EntriesCommitted { get; set; }

    /// <summary>The node that committed the last batch (host name/process id).</summary>
    public string? Node { get; set; }

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

    public static FinessImport Start(string id, FinessExtractInfo info, string by, bool closuresConfirmed, DateTimeOffset now) => new()
    {
        ClosuresConfirmed = closuresConfirmed,
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
