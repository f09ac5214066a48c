using Microsoft.AspNetCore.Http;
using NpgsqlTypes;
using RorNational.Domain.Common;
using RorNational.Fhir.Auditing.Recording;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Auditing.Serving;

/// <summary>
/// The search parameters of AuditEvent, as SQL on the audit chain's columns: <c>date</c>
/// (recorded; eq, ne... as for other dates: eq gt ge lt le sa eb), <c>agent</c> (the client id,
/// or urn:ror:client-id|id), <c>entity</c> (a resource read, Location/1, or one version,
/// Location/1/_history/3), <c>entity-type</c> (the type of a resource read, Location),
/// <c>type</c> (rest) and <c>subtype</c> (read, vread, history-instance, search-type).
/// A parameter repeated is AND, values separated by commas OR; paging and the rest as
/// <see cref="ChainSearch"/> says. Any other parameter is a 400.
/// </summary>
public static class AuditEventQuery
{
    public static readonly IReadOnlyList<string> Parameters = ["date", "agent", "entity", "entity-type", "type", "subtype"];

    public static ChainSearch Parse(IQueryCollection query, string table)
    {
        var sql = new SqlQuery();
        sql.Append($" from {table} a where a.kind = {sql.Add(ReadAudit.Kind, NpgsqlDbType.Text)}");
        foreach (var (name, values) in query)
        {
            if (ChainSearch.NotCriteria.Contains(name)) continue;
            foreach (var value in values)
                sql.Append(" and (" + string.Join(" or ", (value ?? "").Split(',').Select(v => Condition(sql, name, v))) + ")");
        }
        return ChainSearch.Of(sql, query);
    }

    private static string Condition(SqlQuery sql, string name, string value) => value.Contains('\0')
        ? throw CommandRejected.Because(RejectionKind.Invalid, "must not hold a NUL character", name)
        : name switch
    {
        "date" => DateCondition(sql, value),
        "agent" => $"a.agent = {sql.Add(Token(value, BalpVocabulary.ClientIdSystem, name), NpgsqlDbType.Text)}",
        "entity" => $"a.entities @> array[{sql.Add(Reference(value), NpgsqlDbType.Text)}]",
        "entity-type" => $"a.entity_types @> array[{sql.Add(Required(value, name), NpgsqlDbType.Text)}]",
        "type" => $"a.type = {sql.Add(Token(value, BalpVocabulary.AuditEventType, name), NpgsqlDbType.Text)}",
        "subtype" => $"a.subtype = {sql.Add(Token(value, BalpVocabulary.RestfulInteraction, name), NpgsqlDbType.Text)}",
        _ => throw CommandRejected.Because(RejectionKind.Invalid,
            $"is not a search parameter of AuditEvent (known: {string.Join(", ", Parameters)}, _count, _summary, _total)", name),
    };

    /// <summary>A date criterion on the chain's <c>recorded</c> column (also Provenance's <c>recorded</c>, named <paramref name="name"/>).</summary>
    public static string DateCondition(SqlQuery sql, string value, string name = "date")
    {
        var prefixed = value.Length > 2 && char.IsAsciiLetter(value[0]);
        var prefix = prefixed ? value[..2] : "eq";
        var text = prefixed ? value[2..] : value;
        if (!FhirDateRange.TryParse(text, out var range))
            throw CommandRejected.Because(RejectionKind.Invalid, "must be a date or an instant such as 2026-03-02T08:30:00Z, after an optional prefix (eq, ne, gt, ge, lt, le, sa, eb)", name);
        range = range.ToMicroseconds();
        string Low() => sql.Add(new DateTimeOffset(range.Low), NpgsqlDbType.TimestampTz);
        string High() => sql.Add(new DateTimeOffset(range.High), NpgsqlDbType.TimestampTz);
        return prefix switch
        {
            "eq" => $"a.recorded between {Low()} and {High()}",
            "ne" => $"a.recorded not between {Low()} and {High()}",
            "gt" or "sa" => $"a.recorded > {High()}",
            "ge" => $"a.recorded >= {Low()}",
            "lt" or "eb" => $"a.recorded < {Low()}",
            "le" => $"a.recorded <= {High()}",
            _ => throw CommandRejected.Because(RejectionKind.Invalid, $"'{prefix}' is not a date prefix (eq, ne, gt, ge, lt, le, sa, eb)", name),
        };
    }

    /// <summary>"code" or "system|code" of the one system the parameter's values have.</summary>
    public static string Token(string value, string system, string name)
    {
        var bar = value.IndexOf('|');
        if (bar >= 0 && bar > 0 && value[..bar] != system)
            throw CommandRejected.Because(RejectionKind.Invalid, $"takes codes of {system} only", name);
        return Required(bar >= 0 ? value[(bar + 1)..] : value, name);
    }

    /// <summary>Type/id or Type/id/_history/version, relative or after the server's base.</summary>
    public static string Reference(string value, string name = "entity")
    {
        var at = value.IndexOf("/fhir/", StringComparison.Ordinal);
        var relative = at >= 0 ? value[(at + "/fhir/".Length)..] : value;
        var parts = relative.Split('/');
        if (parts is not ([_, _] or [_, _, "_history", _]) || parts.Any(string.IsNullOrEmpty))
            throw CommandRejected.Because(RejectionKind.Invalid, "must be a reference such as Location/123 or Location/123/_history/4", name);
        return relative;
    }

    private static string Required(string value, string name) => value.Length > 0 ? value
        : throw CommandRejected.Because(RejectionKind.Invalid, "must not be empty", name);
}
