using System.Text.Json;
using RorNational.Domain.Common;

namespace RorNational.Offer.Capacity.PostBundle;

/// <summary>One entry of a supplier's bundle, as written: its request and resource, not yet checked.</summary>
public sealed record BundleEntryRequest(int Index, string? FullUrl, string? Method, string? Url, string? IfMatch, JsonElement? Resource)
{
    /// <summary>How the entry is named in a refusal: its index, and its fullUrl when it has one.</summary>
    public string Name => FullUrl is null ? $"Bundle.entry[{Index}]" : $"Bundle.entry[{Index}] ({FullUrl})";
}

/// <summary>
/// A transaction or batch Bundle of capacity PATCHes: its type, its identifier (system|value,
/// the id of the request for replays), its entries. A body that is not such a Bundle is a 400;
/// what is wrong with one entry is that entry's refusal.
/// </summary>
public sealed record BundleRequest(bool IsTransaction, string? Identifier, IReadOnlyList<BundleEntryRequest> Entries)
{
    public static BundleRequest Read(JsonElement root, int maxEntries)
    {
        if (root.ValueKind != JsonValueKind.Object || Text(root, "resourceType") != "Bundle")
            throw Invalid("POST /fhir takes a Bundle of type transaction or batch", "resourceType");
        var isTransaction = Text(root, "type") switch
        {
            "transaction" => true,
            "batch" => false,
            _ => throw Invalid("must be transaction or batch", "Bundle.type"),
        };
        string? identifier = null;
        if (root.TryGetProperty("identifier", out var id))
        {
            var value = id.ValueKind == JsonValueKind.Object ? Text(id, "value") : null;
            if (value is null or { Length: 0 or > 200 }) throw Invalid("needs a value of at most 200 characters (and a system)", "Bundle.identifier");
            identifier = $"{Text(id, "system")}|{value}";
        }
        var entries = new List<BundleEntryRequest>();
        if (root.TryGetProperty("entry", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array) throw Invalid("must be an array", "Bundle.entry");
            if (list.GetArrayLength() > maxEntries) throw Invalid($"a bundle holds at most {maxEntries} entries; split it", "Bundle.entry");
            foreach (var entry in list.EnumerateArray())
            {
                var at = $"Bundle.entry[{entries.Count}]";
                var request = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Object ? r : (JsonElement?)null;
                if (request is { } honoured)
                    foreach (var member in honoured.EnumerateObject())
                        if (member.Name is not ("method" or "url" or "ifMatch"))
                            throw Invalid($"request.{member.Name} is not supported here: only method, url and ifMatch are honoured", $"{at}.request.{member.Name}");
                entries.Add(new BundleEntryRequest(entries.Count,
                    entry.ValueKind == JsonValueKind.Object ? Text(entry, "fullUrl", at) : null,
                    request is { } m ? Text(m, "method", $"{at}.request") : null,
                    request is { } u ? Text(u, "url", $"{at}.request") : null,
                    request is { } i ? Text(i, "ifMatch", $"{at}.request") : null,
                    entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var resource) ? resource : null));
            }
        }
        return new BundleRequest(isTransaction, identifier, entries);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// A member that must be a string when present: another JSON type is refused rather than
    /// read as absent (an ifMatch given as a number must not apply the change unconditionally).
    /// </summary>
    private static string? Text(JsonElement element, string name, string at) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Invalid($"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}", $"{at}.{name}");

    private static CommandRejected Invalid(string message, string field) => CommandRejected.Because(RejectionKind.Invalid, message, field);
}
