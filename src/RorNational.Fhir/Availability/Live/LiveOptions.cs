using System.ComponentModel.DataAnnotations;

namespace RorNational.Fhir.Availability.Live;

/// <summary>
/// Settings of the live updates of the availability page (Availability:Live), with their
/// defaults. Every period must be longer than zero and every limit at least 1.
/// </summary>
public sealed class LiveOptions : IValidatableObject
{
    public const string Section = "Availability:Live";

    /// <summary>How often each node reads the availability watermark while someone listens.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a stream with nothing to say sends a comment, so that proxies and the page see it alive.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest a stream stays open (it closes earlier when the caller's token expires); the page then reconnects with its token.</summary>
    public TimeSpan MaxStreamDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one write to a stream may wait for a caller that does not read before the stream is dropped.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Open streams on one node, all callers together; past it a new stream is refused (503).</summary>
    public int MaxStreams { get; set; } = 1000;

    /// <summary>Open streams on one node for one registered client; past it a new stream is refused (503).</summary>
    public int MaxStreamsPerClient { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var (name, value) in new[] { (nameof(PollInterval), PollInterval), (nameof(Heartbeat), Heartbeat), (nameof(MaxStreamDuration), MaxStreamDuration), (nameof(WriteTimeout), WriteTimeout) })
            if (value <= TimeSpan.Zero) yield return new ValidationResult($"{Section}:{name} must be longer than zero", [name]);
        if (MaxStreams < 1) yield return new ValidationResult($"{Section}:{nameof(MaxStreams)} must be at least 1", [nameof(MaxStreams)]);
        if (MaxStreamsPerClient < 1) yield return new ValidationResult($"{Section}:{nameof(MaxStreamsPerClient)} must be at least 1", [nameof(MaxStreamsPerClient)]);
    }
}
