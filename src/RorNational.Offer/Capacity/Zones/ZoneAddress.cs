using RorNational.Domain.Common;

namespace RorNational.Offer.Capacity.Zones;

/// <summary>
/// How a supplier names the lieu whose capacity it changes: by its EG and a key of the lieu
/// (<c>Location?identifier=&lt;IdNatStruct of the EG&gt;/&lt;idExterneSynchro or functional id&gt;</c>,
/// IdNatStruct being "1" and the EG's FINESS), or by its Location's id (<c>Location/{id}</c>).
/// </summary>
public sealed record ZoneAddress(string? EGFiness, string? Key, string? LocationId)
{
    /// <summary>As the supplier wrote it, for the diagnostics.</summary>
    public string Text => LocationId is not null ? $"Location/{LocationId}" : $"1{EGFiness}/{Key}";

    public static ZoneAddress ById(string locationId) => new(null, null, locationId);

    /// <summary>
    /// The identifier search value: <c>1010000024/REA-ADULTE</c>, or with a system before a
    /// '|' (ignored). Anything else is a 400 naming <paramref name="field"/>.
    /// </summary>
    public static ZoneAddress ByIdentifier(string? value, string field = "identifier")
    {
        var token = value?.Trim() ?? "";
        if (token.LastIndexOf('|') is >= 0 and var bar) token = token[(bar + 1)..];
        var slash = token.IndexOf('/');
        var idNatStruct = slash > 0 ? token[..slash] : "";
        var key = slash > 0 ? token[(slash + 1)..] : "";
        if (idNatStruct.Length != 10 || idNatStruct[0] != '1' || !idNatStruct[1..].All(char.IsAsciiLetterOrDigit) || key.Length is 0 or > 100)
            throw CommandRejected.Because(RejectionKind.Invalid,
                "must be the IdNatStruct of the EG (1 followed by its FINESS number) and the lieu's idExterneSynchro, e.g. 1010000024/REA-ADULTE",
                field);
        return new ZoneAddress(idNatStruct[1..].ToUpperInvariant(), key, null);
    }

    /// <summary>
    /// The target of a bundle entry's request.url: <c>Location?identifier=…</c> or
    /// <c>Location/{id}</c> (relative, as FHIR bundles write them; a leading '/' is taken).
    /// </summary>
    public static ZoneAddress ByUrl(string? url, string field)
    {
        var text = (url ?? "").Trim().TrimStart('/');
        if (text.StartsWith("Location?", StringComparison.Ordinal))
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text["Location".Length..]);
            if (query.Count != 1 || !query.TryGetValue("identifier", out var identifier) || identifier.Count != 1)
                throw CommandRejected.Because(RejectionKind.Invalid, "a conditional patch names its Location by identifier only: Location?identifier=1<FINESS>/<idExterneSynchro>", field);
            return ByIdentifier(identifier[0], field);
        }
        if (text.StartsWith("Location/", StringComparison.Ordinal) && text["Location/".Length..] is { Length: > 0 and <= 64 } id
            && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            return ById(id);
        throw CommandRejected.Because(RejectionKind.Invalid,
            "must be Location?identifier=1<FINESS>/<idExterneSynchro> or Location/<id>: only the capacity of Locations is patched here", field);
    }
}
