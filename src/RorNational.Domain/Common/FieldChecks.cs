using System.Text.RegularExpressions;

namespace RorNational.Domain.Common;

/// <summary>Collects the problems of a command's fields, each named by its JSON path.</summary>
public sealed partial class FieldChecks
{
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

    public FieldChecks Nested(string prefix, IReadOnlyList<Problem> problems)
    {
        _problems.AddRange(problems.Select(p => p with { Field = p.Field is null ? prefix : $"{prefix}.{p.Field}" }));
        return this;
    }

    public FieldChecks Missing(string field)
    {
        _problems.Add(new Problem("is required", field));
        return this;
    }

    [GeneratedRegex(@"^\d{5}$")]
    public static partial Regex FiveDigits();

    [GeneratedRegex(@"^(\d{2}|2A|2B)\d{3}$")]
    public static partial Regex CommuneCog();
}
