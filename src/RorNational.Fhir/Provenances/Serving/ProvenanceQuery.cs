using Microsoft.AspNetCore.Http;
using NpgsqlTypes;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Auditing.Serving;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Provenances.Serving;

/// <summary>
/// The search parameters of Provenance, as SQL on the audit chain (alias <c>a</c>) joined with
/// the Provenance records (alias <c>p</c>): <c>target</c> (a resource written, Location/1, any
/// version, or one version, Location/1/_history/3, relative or after the base), <c>agent</c>
/// (a client id, or urn:ror:client-id|id: author or verifier), <c>recorded</c> (eq, ne, gt, ge,
/// lt, le, sa, eb). A parameter repeated is AND, values separated by commas OR; paging and the
/// rest as <see cref="ChainSearch"/> says. Only the Provenances of which the caller's profile may
/// see a target match (<see cref="VisibleTo"/>).
/// </summary>
public static class ProvenanceQuery
{
    public static readonly IReadOnlyList<string> Parameters = ["target", "agent", "recorded"];

    public static ChainSearch Parse(IQueryCollection query, string chain, string records, AccessProfile profile)
    {
        var sql = new SqlQuery();
        sql.Append($" from {chain} a join {records} p on p.id = a.id where a.kind = {sql.Add(ProvenanceRecord.Kind, NpgsqlDbType.Text)}");
        VisibleTo(sql, profile);
        foreach (var (name, values) in query)
        {
            if (ChainSearch.NotCriteria.Contains(name)) continue;
            foreach (var value in values)
                sql.Append(" and (" + string.Join(" or ", (value ?? "").Split(',').Select(v => "(" + Condition(sql, name, v, profile) + ")")) + ")");
        }
        return ChainSearch.Of(sql, query);
    }

    /// <summary>
    /// Keeps the Provenances with at least one target the profile does not hide as a whole
    /// (<see cref="TargetClasses"/>): what <see cref="AccessProfile.Hides"/> says, in SQL.
    /// </summary>
    public static void VisibleTo(SqlQuery sql, AccessProfile profile)
    {
        if (profile.SeesEverything) return;
        sql.Append($" and exists (select 1 from unnest(p.target_classes) t(c) where {Sees(sql, profile, "t.c")})");
    }

    /// <summary>SQL true when the profile sees a target whose classes are <paramref name="classes"/> (an integer expression).</summary>
    private static string Sees(SqlQuery sql, AccessProfile profile, string classes)
    {
        var kept = new List<string> { $"({classes} & {sql.Add((int)profile.HiddenAlone, NpgsqlDbType.Integer)}) = 0" };
        foreach (var together in profile.HiddenTogether)
        {
            var mask = sql.Add((int)together, NpgsqlDbType.Integer);
            kept.Add($"({classes} & {mask}) <> {mask}");
        }
        return string.Join(" and ", kept);
    }

    /// <summary>
    /// A target criterion: the chain's entities (its GIN index) hold the reference, and, for a
    /// profile that hides anything, the matching target is one it may see (a hidden target
    /// must not be what makes a Provenance match).
    /// </summary>
    private static string TargetCondition(SqlQuery sql, string value, AccessProfile profile)
    {
        var reference = sql.Add(AuditEventQuery.Reference(value, "target"), NpgsqlDbType.Text);
        var held = $"a.entities @> array[{reference}]";
        if (profile.SeesEverything) return held;
        return $"{held} and exists (select 1 from unnest(p.targets, p.target_classes) t(ref, c) " +
            $"where (t.ref = {reference} or starts_with(t.ref, {reference} || '/_history/')) " +
            $"and {Sees(sql, profile, "t.c")})";
    }

    private static string Condition(SqlQuery sql, string name, string value, AccessProfile profile) => value.Contains('\0')
        ? throw CommandRejected.Because(RejectionKind.Invalid, "must not hold a NUL character", name)
        : name switch
    {
        "target" => TargetCondition(sql, value, profile),
        "agent" => $"p.agents @> array[{sql.Add(AuditEventQuery.Token(value, BalpVocabulary.ClientIdSystem, name), NpgsqlDbType.Text)}::text]",
        "recorded" => AuditEventQuery.DateCondition(sql, value, name),
        _ => throw CommandRejected.Because(RejectionKind.Invalid,
            $"is not a search parameter of Provenance (known: {string.Join(", ", Parameters)}, _count, _summary, _total)", name),
    };
}
