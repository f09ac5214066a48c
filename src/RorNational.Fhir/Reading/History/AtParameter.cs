using System.Globalization;
using System.Text.RegularExpressions;
using RorNational.Domain.Common;

namespace RorNational.Fhir.Reading.History;

/// <summary>
/// What one <c>_at</c> value asks of a version, as HAPI reads it: the versions that were
/// current at some point in a period. A version is current from its lastUpdated until the
/// next version of its resource (for ever when there is none), so it was current in a
/// period when it began before the period ends (<see cref="StartsBefore"/>) and ended after
/// the period began (<see cref="EndsAfter"/>). A retirement is a version too: current while
/// the resource was gone.
/// <list type="bullet">
/// <item>a plain value or <c>eq</c>: the period the value names (an instant to the second or
/// finer is that instant: the one version current then; a day, a month, a year, a minute is
/// that whole span, in UTC when no offset is given);</item>
/// <item><c>gt</c>: after the value's span; <c>ge</c>: from its start on (both include the
/// version current at the value, the fix of hapi-fhir#4008);</item>
/// <item><c>lt</c>: before its start; <c>le</c>: up to its end (every version created by then).</item>
/// </list>
/// Several <c>_at</c> hold together (<c>_at=ge…&amp;_at=le…</c> is a period).
/// </summary>
public sealed record AtParameter(DateTimeOffset? EndsAfter, DateTimeOffset? StartsBefore, bool StartsBeforeInclusive)
{
    public const string Name = "_at";

    private static readonly Regex Shape = new(
        @"^(?<prefix>eq|gt|ge|lt|le|ne|sa|eb|ap)?(?<year>\d{4})(-(?<month>\d{2})(-(?<day>\d{2})(T(?<hour>\d{2}):(?<minute>\d{2})(:(?<second>\d{2})(?<fraction>\.\d{1,9})?)?(?<zone>Z|[+-]\d{2}:\d{2})?)?)?)?$",
        RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public static IReadOnlyList<AtParameter> ParseAll(IEnumerable<string?> values) => values.Select(v => Parse(v ?? "")).ToList();

    public static AtParameter Parse(string value)
    {
        var match = value.Length <= 64 ? Shape.Match(value) : Match.Empty;
        if (!match.Success) throw Invalid("must be a FHIR date or instant such as 2026-03-12T08:00:00Z, prefixed by eq, gt, ge, lt or le");
        var prefix = match.Groups["prefix"].Success ? match.Groups["prefix"].Value : "eq";
        if (prefix is "ne" or "sa" or "eb" or "ap") throw Invalid($"the prefix {prefix} is not supported: use eq, gt, ge, lt or le");
        var (start, end, point) = Span(match);
        return prefix switch
        {
            "eq" => new AtParameter(start, end, point),
            "gt" => new AtParameter(end, null, false),
            "ge" => new AtParameter(start, null, false),
            "lt" => new AtParameter(null, start, false),
            _ => new AtParameter(null, end, point),
        };
    }

    /// <summary>
    /// One instant, to the second or finer with its offset (2026-03-12T08:00:00Z), as the
    /// $diff parameters <c>from</c> and <c>to</c> take it; null when the value is no instant at all.
    /// </summary>
    public static DateTimeOffset? InstantOrNull(string value, string name)
    {
        var match = value.Length <= 64 ? Shape.Match(value) : Match.Empty;
        if (!match.Success || match.Groups["prefix"].Success) return null;
        if (!match.Groups["second"].Success || !match.Groups["zone"].Success)
            throw CommandRejected.Because(RejectionKind.Invalid, "an instant needs its seconds and offset, such as 2026-03-12T08:00:00Z", name);
        try
        {
            return Span(match).Start;
        }
        catch (CommandRejected)
        {
            throw CommandRejected.Because(RejectionKind.Invalid, "is not a date that exists", name);
        }
    }

    /// <summary>The span a value names: [start, end) for a date or a minute, the instant itself (start = end) to the second or finer.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End, bool Point) Span(Match match)
    {
        int Part(string name, int otherwise) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : otherwise;
        var hasTime = match.Groups["hour"].Success;
        if (hasTime && !match.Groups["zone"].Success) throw Invalid("an instant needs its offset (Z or +01:00)");
        var offset = TimeSpan.Zero;
        if (match.Groups["zone"].Success && match.Groups["zone"].Value != "Z")
        {
            var zone = match.Groups["zone"].Value;
            offset = new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[4..6], CultureInfo.InvariantCulture), 0);
            if (zone[0] == '-') offset = -offset;
        }
        try
        {
            var year = Part("year", 1);
            var start = new DateTimeOffset(year, Part("month", 1), Part("day", 1), Part("hour", 0), Part("minute", 0), Part("second", 0), offset);
            if (match.Groups["fraction"].Success)
                start = start.AddTicks((long)(decimal.Parse("0" + match.Groups["fraction"].Value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
            if (match.Groups["second"].Success) return (start, start, true);
            var end = hasTime ? start.AddMinutes(1)
                : match.Groups["day"].Success ? start.AddDays(1)
                : match.Groups["month"].Success ? start.AddMonths(1)
                : start.AddYears(1);
            return (start, end, false);
        }
        catch (ArgumentException)
        {
            throw Invalid("is not a date that exists");
        }
    }

    private static CommandRejected Invalid(string message) => CommandRejected.Because(RejectionKind.Invalid, message, Name);
}
