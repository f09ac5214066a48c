using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using RorNational.Domain.Common;

namespace RorNational.Offer.History;

/// <summary>The timeline's query: from, to (recorded time), kind, after (a sequence), _count. Anything else is a 400 naming it.</summary>
public sealed record TimelineFilter(DateTimeOffset? From, DateTimeOffset? To, string[]? Kinds, long After, int Count)
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;

    private static readonly HashSet<string> Known = ["from", "to", "kind", "after", "_count"];

    public static TimelineFilter Parse(IQueryCollection query)
    {
        foreach (var name in query.Keys.Where(name => !Known.Contains(name)))
            throw CommandRejected.Because(RejectionKind.Invalid, $"is not a parameter of the timeline (known: {string.Join(", ", Known)})", name);
        var kinds = query["kind"].Count == 0 ? null
            : query["kind"].SelectMany(v => (v ?? "").Split(',')).Select(Kind).Distinct().ToArray();
        return new TimelineFilter(Instant(query["from"], "from"), Instant(query["to"], "to"), kinds, ParseAfter(query["after"]), ParseCount(query["_count"]));
    }

    /// <summary>The same query after the last entry of this page.</summary>
    public string NextLink(HttpRequest request, long lastSequence)
    {
        var url = (request.PathBase + request.Path).ToString();
        foreach (var (name, values) in request.Query.Where(p => p.Key != "after").OrderBy(p => p.Key, StringComparer.Ordinal))
            foreach (var value in values)
                url = QueryHelpers.AddQueryString(url, name, value ?? "");
        return QueryHelpers.AddQueryString(url, "after", lastSequence.ToString(CultureInfo.InvariantCulture));
    }

    private static string Kind(string value) => TimelineKinds.All.Contains(value) ? value
        : throw CommandRejected.Because(RejectionKind.Invalid, $"must be one of {string.Join(", ", TimelineKinds.All)}", "kind");

    /// <summary>A date (its midnight, UTC) or an instant with its offset.</summary>
    private static DateTimeOffset? Instant(string? value, string name)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (value.Length > 10 && (value.EndsWith('Z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant;
        throw CommandRejected.Because(RejectionKind.Invalid, "must be a date (2026-03-12) or an instant with its offset (2026-03-12T08:00:00Z)", name);
    }

    private static long ParseAfter(string? value) => value is null ? 0
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be an event sequence, as the next link gives it", "after");

    private static int ParseCount(string? value) => value is null ? DefaultCount
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? Math.Min(count, MaxCount)
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be a positive whole number", "_count");
}
