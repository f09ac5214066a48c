using System.Globalization;
using RorNational.Domain.Common;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>
/// Where the next page of a search of the audit chain starts: after the last record listed, in
/// the search's order (<c>recorded</c>, then <c>position</c>, newest first), written in
/// <c>_before</c> as the record's time in microseconds since 1970 and its position
/// (<c>1773302400123456.42</c>). Both never change once a record is in the chain, so a page
/// followed while records are added lists each record once.
/// </summary>
public sealed record ChainCursor(long RecordedMicroseconds, long Position)
{
    public DateTime Recorded => DateTime.UnixEpoch.AddTicks(RecordedMicroseconds * 10);

    public static ChainCursor After(DateTime recorded, long position) =>
        new((recorded.ToUniversalTime() - DateTime.UnixEpoch).Ticks / 10, position);

    public override string ToString() => $"{RecordedMicroseconds.ToString(CultureInfo.InvariantCulture)}.{Position.ToString(CultureInfo.InvariantCulture)}";

    public static ChainCursor Parse(string value)
    {
        var dot = value.IndexOf('.');
        return dot > 0
               && long.TryParse(value.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var recorded)
               && long.TryParse(value.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
               && recorded <= MaxMicroseconds
            ? new ChainCursor(recorded, position)
            : throw CommandRejected.Because(RejectionKind.Invalid, "follow the Bundle's next link as given", "_before");
    }

    private static readonly long MaxMicroseconds = (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / 10;
}
