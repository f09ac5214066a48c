using System.Text;

namespace RorNational.IntegrationTests.Validation;

/// <summary>What build/fhir-validator printed (see its README.md for the format).</summary>
public sealed record ValidationReport(
    bool Valid,
    ValidationSummary Summary,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<ResourceValidation> Results)
{
    /// <summary>Every error of every resource.</summary>
    public IEnumerable<ValidationIssue> Errors => Results.SelectMany(r => r.Errors);

    public IEnumerable<ValidationIssue> Warnings => Results.SelectMany(r => r.Warnings);

    /// <summary>The results of the resources read from one file.</summary>
    public IReadOnlyList<ResourceValidation> ForFile(string path) =>
        Results.Where(r => r.Source is not null && Path.GetFullPath(r.Source) == Path.GetFullPath(path)).ToList();

    /// <summary>The errors, one per line, to make assertion messages readable.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{Summary.Resources} resource(s), {Summary.Errors} error(s), {Summary.Warnings} warning(s)");
        foreach (var result in Results)
        {
            foreach (var error in result.Errors) text.Append($"\n  error   {result.Describe()} {error}");
            foreach (var warning in result.Warnings) text.Append($"\n  warning {result.Describe()} {warning}");
        }
        return text.ToString();
    }
}

public sealed record ValidationSummary(int Resources, int Invalid, int Errors, int Warnings, int LoadMs, int ValidateMs);

public sealed record ResourceValidation(
    int Index,
    string? Id,
    string? ResourceType,
    IReadOnlyList<ProfileCheck> Profiles,
    bool Valid,
    IReadOnlyList<ValidationIssue> Errors,
    IReadOnlyList<ValidationIssue> Warnings,
    IReadOnlyList<string> UncheckedValueSets,
    string? Source)
{
    public string Describe() => $"{ResourceType ?? "?"}/{Id ?? $"#{Index}"}";
}

/// <summary>A profile of meta.profile, and whether fhir-profiles/ had it (otherwise a warning).</summary>
public sealed record ProfileCheck(string Url, bool Checked);

/// <summary>One problem: where (FHIRPath-like, with indexes), what, and which pass found it.</summary>
public sealed record ValidationIssue(string Path, string Message, string? Source)
{
    public override string ToString() => $"{Path}: {Message}";
}
