using System.Text.RegularExpressions;

namespace RorNational.Domain.Common;

/// <summary>
/// Collects the problems of a command's fields, each named by its JSON path. These are the one
/// set of bounds every path (registration, draft, finalization, direct edit, PATCH) calls.
/// </summary>
public sealed partial class FieldChecks
{
    /// <summary>Dates outside these years are refused: no real opening, closure or validity lies there.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>At most this many items in any list of a command.</summary>
    public const int MaxItems = 100;

    private readonly List<Problem> _problems = [];

    public IReadOnlyList<Problem> Problems => _problems;

    public FieldChecks Required(string? value, string field, int maxLength = 255)
    {
        if (string.IsNullOrWhiteSpace(value)) _problems.Add(new Problem("is required", field));
        else if (value.Length > maxLength) _problems.Add(new Problem($"must be at most {maxLength} characters", field));
        return this;
    }

    public FieldChecks Optional(string? value, string field, int maxLength = 255)
    {
        if (value is not null && value.Length > maxLength)
            _problems.Add(new Problem($"must be at most {maxLength} characters", field));
        return this;
    }

    /// <summary>
    /// A code, when given: of a code's shape (1 to 10 letters, digits, dots or dashes), and in
    /// the value set it is bound to when <paramref name="terminology"/> lists that value set's
    /// codes (a value set that includes a whole NOS table is not held: its shape is checked).
    /// </summary>
    public FieldChecks Code(string? value, string field, ValueSetBinding binding, Terminology terminology)
    {
        if (value is null) return this;
        if (!CodeShape().IsMatch(value))
            _problems.Add(new Problem($"must be a code of {binding.Table}: 1 to 10 letters, digits, dots or dashes", field));
        else if (terminology.Contains(binding, value) == false)
            _problems.Add(new Problem($"{value} is not in the value set {binding.ValueSet} (codes of {binding.Table})", field));
        return this;
    }

    public FieldChecks RequiredCode(string? value, string field, ValueSetBinding binding, Terminology terminology) =>
        string.IsNullOrWhiteSpace(value) ? Missing(field, $"is required ({binding.Table})") : Code(value, field, binding, terminology);

    public FieldChecks Finess(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) _problems.Add(new Problem("is required", field));
        else if (!FinessNumber.IsWellFormed(value))
            _problems.Add(new Problem(
                "must be a FINESS number: 9 characters, the département (2 digits, or 2A/2B for Corsica) then 7 digits",
                field));
        return this;
    }

    public FieldChecks Matches(string? value, Regex pattern, string field, string expectation)
    {
        if (value is not null && !pattern.IsMatch(value)) _problems.Add(new Problem(expectation, field));
        return this;
    }

    /// <summary>A date, when given, between <paramref name="earliest"/> (by default <see cref="EarliestDate"/>) and <see cref="LatestDate"/>.</summary>
    public FieldChecks Date(DateOnly? value, string field, DateOnly? earliest = null)
    {
        var from = earliest ?? EarliestDate;
        if (value is { } date && (date < from || date > LatestDate))
            _problems.Add(new Problem($"must be between {from:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}", field));
        return this;
    }

    /// <summary>A coded value (code and label from its source), when given: a code of at most 20 characters, a label of at most 255.</summary>
    public FieldChecks Coded(CodedValue? value, string field)
    {
        if (value is null) return this;
        return Required(value.Code, $"{field}.code", 20).Optional(value.Label, $"{field}.label");
    }

    /// <summary>A WGS84 position, when given: finite, latitude within ±90, longitude within ±180.</summary>
    public FieldChecks Position(GeoPoint? point, string field)
    {
        if (point is null) return this;
        if (!double.IsFinite(point.Latitude) || point.Latitude is < -90 or > 90)
            _problems.Add(new Problem("must be a WGS84 latitude between -90 and 90", $"{field}.latitude"));
        if (!double.IsFinite(point.Longitude) || point.Longitude is < -180 or > 180)
            _problems.Add(new Problem("must be a WGS84 longitude between -180 and 180", $"{field}.longitude"));
        return this;
    }

    /// <summary>
    /// A list that is present (JSON null is not a list), holds at most <see cref="MaxItems"/>
    /// items and no null item; each item is then checked by <paramref name="item"/>.
    /// </summary>
    public FieldChecks Each<T>(IReadOnlyList<T>? items, string field, Func<T, IReadOnlyList<Problem>> item)
    {
        if (items is null) return Wrong(field, "must be a list (empty when there is none), not null");
        if (items.Count > MaxItems) return Wrong(field, $"must hold at most {MaxItems} items");
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) _problems.Add(new Problem("must not be null", $"{field}[{i}]"));
            else Nested($"{field}[{i}]", item(items[i]));
        }
        return this;
    }

    public FieldChecks Nested(string prefix, IReadOnlyList<Problem> problems)
    {
        _problems.AddRange(problems.Select(p => p with { Field = p.Field is null ? prefix : $"{prefix}.{p.Field}" }));
        return this;
    }

    public FieldChecks Missing(string field, string message = "is required")
    {
        _problems.Add(new Problem(message, field));
        return this;
    }

    /// <summary>A field that is there but wrong, with what it must be.</summary>
    public FieldChecks Wrong(string field, string expectation) => Add(new Problem(expectation, field));

    public FieldChecks Add(Problem problem)
    {
        _problems.Add(problem);
        return this;
    }

    [GeneratedRegex(@"^\d{5}$")]
    public static partial Regex FiveDigits();

    [GeneratedRegex(@"^(\d{2}|2A|2B)\d{3}$")]
    public static partial Regex CommuneCog();

    /// <summary>
    /// SIRET: 14 digits. The Luhn key is not checked: FINESS, the authority for these data,
    /// publishes SIRETs that fail it, and every path must accept what FINESS gives.
    /// </summary>
    [GeneratedRegex(@"^\d{14}$")]
    public static partial Regex Siret();

    [GeneratedRegex(@"^\d{9}$")]
    public static partial Regex Siren();

    [GeneratedRegex(@"^[0-9A-Za-z][0-9A-Za-z.\-]{0,9}$")]
    private static partial Regex CodeShape();
}
