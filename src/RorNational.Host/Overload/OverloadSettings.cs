namespace RorNational.Host.Overload;

/// <summary>
/// How much this process takes on at once, and how long a request may wait on the database
/// (configuration section <c>Server</c>). Past either bound the caller gets 503 with
/// Retry-After at once, rather than a request that queues without end or hangs.
/// </summary>
public sealed record OverloadSettings
{
    public const string SectionName = "Server";

    /// <summary>
    /// The longest a request is served before it is cancelled (its database command with it)
    /// and answered 503. Long enough for the largest search page and a supplier's Bundle under
    /// load; routes that stream large bodies (the FINESS extract upload) are exempt.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests served at once by this process (health checks apart).</summary>
    public int MaxConcurrentRequests { get; init; } = 512;

    /// <summary>Requests that wait for one of those places, oldest first; one more is answered 503 at once.</summary>
    public int RequestQueue { get; init; } = 1024;

    /// <summary>
    /// Writes (capacity PATCHes and Bundles, the editors' changes) applied at once by this
    /// process; the others wait their turn (<see cref="WriteGate"/>). Half the cores by default:
    /// a write keeps about one core busy (the host and PostgreSQL in turn), so that leaves the
    /// other half to the searches and reads however many suppliers push at once.
    /// </summary>
    public int MaxConcurrentWrites { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// Writes applied at once while no read or search is being served (health checks and
    /// streams apart): the cores the reads leave. All the processors by default, never fewer
    /// than <see cref="MaxConcurrentWrites"/> when not set. Measured on 2 cores, ingest alone:
    /// 2,196 changes/s with two writes at once against 1,795 with one (docs/benchmarks.md, 2026-12-06).
    /// </summary>
    public int? MaxConcurrentWritesUnread { get; init; }

    /// <summary><see cref="MaxConcurrentWritesUnread"/>, or its default.</summary>
    public int WritesUnread => MaxConcurrentWritesUnread ?? Math.Max(Environment.ProcessorCount, MaxConcurrentWrites);

    /// <summary>Writes that wait for one of those places; one more is answered 503 at once.</summary>
    public int WriteQueue { get; init; } = 256;

    /// <summary>The longest a write waits for its place before it is answered 503 (nothing applied).</summary>
    public TimeSpan WriteWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest timeout taken: a cancellation timer takes no longer (about 49 days), and no request should last an hour.</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromHours(1);

    public static OverloadSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<OverloadSettings>() ?? new OverloadSettings();
        if (settings.RequestTimeout <= TimeSpan.Zero || settings.RequestTimeout > MaxRequestTimeout)
            throw new InvalidOperationException(
                $"{SectionName}:RequestTimeout must be longer than zero and at most {MaxRequestTimeout:c} (e.g. 00:00:30), not {settings.RequestTimeout:c}");
        if (settings.MaxConcurrentRequests < 1)
            throw new InvalidOperationException($"{SectionName}:MaxConcurrentRequests must be at least 1, not {settings.MaxConcurrentRequests}");
        if (settings.RequestQueue < 0)
            throw new InvalidOperationException($"{SectionName}:RequestQueue must be 0 or more, not {settings.RequestQueue}");
        if (settings.MaxConcurrentWrites < 1)
            throw new InvalidOperationException($"{SectionName}:MaxConcurrentWrites must be at least 1, not {settings.MaxConcurrentWrites}");
        if (settings.WritesUnread < settings.MaxConcurrentWrites)
            throw new InvalidOperationException(
                $"{SectionName}:MaxConcurrentWritesUnread (writes at once while no read is served) must be at least MaxConcurrentWrites ({settings.MaxConcurrentWrites}), not {settings.MaxConcurrentWritesUnread}");
        if (settings.WriteQueue < 0)
            throw new InvalidOperationException($"{SectionName}:WriteQueue must be 0 or more, not {settings.WriteQueue}");
        if (settings.WriteWait <= TimeSpan.Zero || settings.WriteWait > MaxRequestTimeout)
            throw new InvalidOperationException(
                $"{SectionName}:WriteWait must be longer than zero and at most {MaxRequestTimeout:c} (e.g. 00:00:10), not {settings.WriteWait:c}");
        return settings;
    }
}
