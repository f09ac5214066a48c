using System.Globalization;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The instants a FHIR date, dateTime or instant covers, at its precision: "2024" covers the
/// whole year. Values without a time zone are taken as UTC. Both bounds are inclusive.
/// </summary>
public readonly record struct FhirDateRange(DateTime Low, DateTime High)
{
    public static readonly DateTime Earliest = new(1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Latest = new(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc);

    /// <summary>The end of the calendar: where a range in year 9999 ends rather than overflow.</summary>
    private static readonly DateTime LastTick = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

    public static bool TryParse(string? text, out FhirDateRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var formats = new (string Format, Func<DateTime, bool> IsLast, Func<DateTime, DateTime> Next)[]
        {
            ("yyyy", d => d.Year == 9999, d => d.AddYears(1)),
            ("yyyy-MM", d => d is { Year: 9999, Month: 12 }, d => d.AddMonths(1)),
            ("yyyy-MM-dd", d => d.Date == DateTime.MaxValue.Date, d => d.AddDays(1)),
        };
        foreach (var (format, isLast, next) in formats)
            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
            {
                // The last year, month or day of the calendar ends at its last tick (year 9999).
                range = new FhirDateRange(start, isLast(start) ? LastTick : next(start).AddTicks(-1));
                return true;
            }
        if (text.Length < 16 || text[10] != 'T'
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return false;
        var utc = instant.UtcDateTime;
        // A time to the minute or second covers that minute or second.
        var precision = text.Contains('.') ? TimeSpan.FromTicks(1)
            : text.Length >= 19 && text[16] == ':' ? TimeSpan.FromSeconds(1)
            : TimeSpan.FromMinutes(1);
        var end = LastTick - utc < precision ? LastTick : utc + precision - TimeSpan.FromTicks(1);
        range = new FhirDateRange(utc, end);
        return true;
    }

    /// <summary>PostgreSQL keeps microseconds: bounds are truncated to them.</summary>
    public FhirDateRange ToMicroseconds() => new(Truncate(Low), Truncate(High));

    private static DateTime Truncate(DateTime value) => new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);
}
