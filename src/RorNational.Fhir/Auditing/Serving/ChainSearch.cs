using System.Globalization;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>
/// A search of the audit chain (AuditEvent, Provenance) as its parser reads it: the criteria
/// (<see cref="Where"/>, "from ... where ...") and what is not a criterion, the same for both
/// kinds: <c>_count</c> (50, at most 1000), <c>_before</c> (the next link's <see cref="ChainCursor"/>),
/// <c>_summary</c> and <c>_total</c> (<see cref="ChainSearchShape"/>), <c>_format</c>, <c>_pretty</c>.
/// </summary>
public sealed record ChainSearch(SqlQuery Where, int Count, ChainCursor? Before, ChainSearchShape Shape)
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;

    /// <summary>The parameters a criteria parser leaves to this record.</summary>
    public static readonly HashSet<string> NotCriteria = ["_count", "_before", "_format", "_pretty", .. ChainSearchShape.Parameters];

    public static ChainSearch Of(SqlQuery where, IQueryCollection query) =>
        new(where, CountOf(query["_count"]), BeforeOf(query["_before"]), ChainSearchShape.Parse(query));

    private static int CountOf(string? value) => value is null ? DefaultCount
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? Math.Min(count, MaxCount)
        : throw CommandRejected.Because(RejectionKind.Invalid, "must be a positive whole number", "_count");

    private static ChainCursor? BeforeOf(string? value) => value is null ? null : ChainCursor.Parse(value);
}
