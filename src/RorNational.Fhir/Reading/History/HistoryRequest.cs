using System.Globalization;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// The parameters of a history: <c>_count</c> (default 50, at most 1000), <c>_since</c>
/// (versions created at or after an instant), <c>_at</c> (versions current at some point
/// of a period, <see cref="AtParameter"/>), and where the page starts: <c>_cursor</c> for
/// type and system history, <c>_before-version</c> for one resource's history.
/// </summary>
public sealed record HistoryRequest(
    HistoryScope Scope, int Count, DateTimeOffset? Since, IReadOnlyList<AtParameter> At, HistoryCursor? After, long? BeforeVersion)
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;
    public const string BeforeVersionName = "_before-version";

    /// <summary>The parameters a next link repeats as the client gave them.</summary>
    public static readonly string[] Repeated = ["_count", "_since", AtParameter.Name];

    public static HistoryRequest Of(HistoryScope scope, IQueryCollection query) => new(
        scope,
        CountOf(Single(query, "_count")),
        SinceOf(Single(query, "_since")),
        AtParameter.ParseAll(query[AtParameter.Name]),
        scope.IsInstance ? null : HistoryCursor.Parse(Single(query, HistoryCursor.Name)),
        scope.IsInstance ? BeforeVersionOf(Single(query, BeforeVersionName)) : null);

    private static string? Single(IQueryCollection query, string name) => query[name] switch
    {
        { Count: 0 } => null,
        { Count: 1 } values => values[0],
        _ => throw CommandRejected.Because(RejectionKind.Invalid, "may be given once", name),
    };

    private static int CountOf(string? value) => value is null ? DefaultCount
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? Math.Min(count, MaxCount)
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be a positive whole number", "_count");

    private static DateTimeOffset? SinceOf(string? value) => value is null ? null
        : value.Length <= 64 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be an instant such as 2026-03-02T08:30:00Z", "_since");

    private static long? BeforeVersionOf(string? value) => value is null ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before
        : throw CommandRejected.Because(RejectionKind.Invalid, "follow the Bundle's next link as given", BeforeVersionName);
}
