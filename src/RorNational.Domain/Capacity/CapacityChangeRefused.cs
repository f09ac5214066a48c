namespace RorNational.Domain.Capacity;

/// <summary>
/// Why a capacity change is refused, each as the national supplier protocol answers it
/// (HTTP status and OperationOutcome issue code in brackets). A caller outside the EG's
/// suppliers is not refused here but as every forbidden caller (403, the same body whether the
/// zone exists or not); a stale If-Match is a 412 as on every write.
/// </summary>
public enum CapacityRefusalKind
{
    /// <summary>[400 invalid] Malformed Parameters, a missing required sub-extension, a count that is not a non-negative integer, anything but capacity.</summary>
    Invalid,

    /// <summary>[400 business-rule] Not a valid indicator, not the capacity type it expects, a deprecated code, an add of a key that exists.</summary>
    BusinessRule,

    /// <summary>[404 not-found, expression the capacity extension] No indicator of the selected key: the supplier then sends add.</summary>
    IndicatorNotFound,

    /// <summary>[404 not-found, expression Location] No lieu answers the identifier.</summary>
    ZoneNotFound,

    /// <summary>[412 multiple-matches, expression Location] Several lieux answer the identifier.</summary>
    MultipleMatches,
}

/// <summary>One thing the supplier must fix: the diagnostics, and the FHIRPath of the element at fault when there is one.</summary>
public sealed record CapacityProblem(string Diagnostics, string? Expression = null);

/// <summary>A refused capacity change: nothing of the request (or of the transaction) is applied.</summary>
public sealed class CapacityChangeRefused(CapacityRefusalKind kind, IReadOnlyList<CapacityProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => p.Diagnostics)))
{
    public CapacityRefusalKind Kind { get; } = kind;
    public IReadOnlyList<CapacityProblem> Problems { get; } = problems;

    public static CapacityChangeRefused Because(CapacityRefusalKind kind, string diagnostics, string? expression = null) =>
        new(kind, [new CapacityProblem(diagnostics, expression)]);
}
