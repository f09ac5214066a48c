using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>
/// What a search of the audit chain (AuditEvent, Provenance) answers besides its criteria:
/// <c>_summary=count</c>, the total alone, without entries (<c>_summary=false</c> is the default,
/// the entries); <c>_total=none</c>, no total and no count (<c>estimate</c> and <c>accurate</c>
/// are both the exact total). Any other value is a 400 naming the parameter.
/// </summary>
public sealed record ChainSearchShape(bool CountOnly, bool Total)
{
    public static readonly IReadOnlyList<string> Parameters = ["_summary", "_total"];

    public static ChainSearchShape Parse(IQueryCollection query) => new(
        Single(query, "_summary") switch
        {
            null or "false" => false,
            "count" => true,
            _ => throw CommandRejected.Because(RejectionKind.Invalid, "takes count (the total alone) or false (the entries) here", "_summary"),
        },
        Single(query, "_total") switch
        {
            null or "accurate" or "estimate" => true,
            "none" => false,
            _ => throw CommandRejected.Because(RejectionKind.Invalid, "takes none, estimate or accurate (both exact here)", "_total"),
        });

    private static string? Single(IQueryCollection query, string name) => query[name].Count switch
    {
        0 => null,
        1 => query[name].ToString(),
        _ => throw CommandRejected.Because(RejectionKind.Invalid, "must be given once", name),
    };
}
