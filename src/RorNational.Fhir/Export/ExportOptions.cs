namespace RorNational.Fhir.Export;

/// <summary>The bulk export's settings (section Export).</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>How long the files of a completed export stay downloadable (HTTP Expires), then they are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A file holds at most this many resources; a type with more is split over several files.</summary>
    public int ResourcesPerFile { get; set; } = 100_000;

    /// <summary>Exports a client may have waiting or running at once; one more is answered 429.</summary>
    public int MaxActivePerClient { get; set; } = 2;

    /// <summary>What Retry-After tells a client polling an export still running.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
