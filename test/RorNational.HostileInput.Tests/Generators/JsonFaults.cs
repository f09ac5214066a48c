using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.HostileInput.Tests.Generators.Cases;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// Malformed variants of a plausible JSON command body, found by walking it: every string
/// may carry a NUL, a lone surrogate or bytes that are not UTF-8; every value may have the
/// wrong JSON type; every object may get an unknown member or a key repeated with another
/// case; every list may be null or hold a null; the text may be cut anywhere.
/// </summary>
public static class JsonFaults
{
    private const string Mark = "@@HOSTILE@@";

    /// <param name="optionalBody">The command may be sent without a body: an empty one is then no fault.</param>
    /// <param name="mergePatch">The body is a JSON merge patch: a member set to null removes it, no fault.</param>
    public static Gen<(string Category, HostileBody Body)> Of(JsonObject plausible, bool optionalBody = false, bool mergePatch = false)
    {
        var nodes = Walk(plausible, "").ToList();
        var strings = nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).Select(n => n.Path).ToList();
        var objects = nodes.Where(n => n.Node is JsonObject).Select(n => n.Path).ToList();
        var arrays = nodes.Where(n => n.Node is JsonArray).Select(n => n.Path).ToList();
        var values = nodes.Where(n => n.Path != "").ToList();
        var text = plausible.ToJsonString();

        var cases = new List<IGen<(string, HostileBody)>>
        {
            Gen.Select(Pick(strings), Malformed.JsonStringEscapes,
                (path, escape) => (Category.JsonEncoding, Marked(plausible, path, $"\"a{escape}b\""))),
            Pick(strings).Select(path => (Category.JsonEncoding, Raw(plausible, path, s => Malformed.InvalidUtf8Json(s.before + "\"", "\"" + s.after)))),
            Pick(strings).Select(path => (Category.JsonEncoding, Raw(plausible, path, s => Malformed.RawNulJson(s.before + "\"", "\"" + s.after)))),
            Gen.Select(Pick(objects), Gen.OneOf("sensitveUnit", "bogus", "Extra", "$type", "__proto__", "confidentialityy"),
                (path, member) => (Category.UnknownMembers, Json(Mutated(plausible, path, node => { node.AsObject()[member] = true; return node; })))),
            Gen.Select(Pick(values), Gen.Int[0, 3], (value, pick) => (Category.WrongTypes, Marked(plausible, value.Path, WrongType(value.Node, pick)))),
            Gen.Select(Pick(objects.Where(p => Get(plausible, p).AsObject().Count > 0).ToList()), Gen.Int[0, 2],
                (path, variant) => (Category.DuplicateKeys, Marked(plausible, path, WithDuplicateKey(Get(plausible, path).AsObject(), variant)))),
            // Cut to nothing is no fault for a command whose body is optional.
            Gen.Int[optionalBody ? 1 : 0, text.Length - 1].Select(cut => (Category.MalformedJson, HostileBody.Json(text[..cut]))),
            Gen.OneOf(optionalBody ? "{" : "", "null", "[]", "\"text\"", "5", "{", "{}}", "{\"a\":1,}", "/* comment */ {}", "{'single':'quotes'}", "\ufeff\ufeff{}",
                text + text, text + ",", "[" + text + "]").Select(body => (Category.MalformedJson, HostileBody.Json(body))),
        };
        if (arrays.Count > 0)
        {
            var nullable = mergePatch ? arrays.Where(path => path.Contains('.')).ToList() : arrays;
            if (nullable.Count > 0) cases.Add(Pick(nullable).Select(path => (Category.NullItems, Marked(plausible, path, "null"))));
            cases.Add(Pick(arrays).Select(path => (Category.NullItems, Marked(plausible, path, "[null]"))));
        }
        return Gen.OneOf<(string, HostileBody)>([.. cases]);
    }

    /// <summary>The plausible body with one value replaced by a literal JSON text.</summary>
    public static HostileBody Marked(JsonObject plausible, string path, string literal) => path == ""
        ? HostileBody.Json(literal)
        : HostileBody.Json(Mutated(plausible, path, _ => Mark).ToJsonString().Replace($"\"{Mark}\"", literal, StringComparison.Ordinal));

    /// <summary>The plausible body with the bytes around one string value rewritten.</summary>
    private static HostileBody Raw(JsonObject plausible, string path, Func<(string before, string after), byte[]> bytes)
    {
        var text = Mutated(plausible, path, _ => Mark).ToJsonString();
        var at = text.IndexOf($"\"{Mark}\"", StringComparison.Ordinal);
        return new HostileBody(bytes((text[..at], text[(at + Mark.Length + 2)..])), "application/json");
    }

    public static HostileBody Json(JsonNode node) => HostileBody.Json(node.ToJsonString());

    /// <summary>A copy of the body with the node at the path replaced (or changed in place) by the function.</summary>
    public static JsonObject Mutated(JsonObject plausible, string path, Func<JsonNode, JsonNode?> change)
    {
        var copy = plausible.DeepClone().AsObject();
        if (path == "") { change(copy); return copy; }
        var parentPath = path.Contains('.') ? path[..path.LastIndexOf('.')] : "";
        var key = path[(path.LastIndexOf('.') + 1)..];
        var parent = Get(copy, parentPath);
        var current = parent is JsonArray list ? list[int.Parse(key)]! : parent[key]!;
        var replacement = change(current);
        if (ReferenceEquals(replacement, current)) return copy;
        if (parent is JsonArray array) array[int.Parse(key)] = replacement; else parent[key] = replacement;
        return copy;
    }

    public static JsonNode Get(JsonNode root, string path) =>
        path == "" ? root : path.Split('.').Aggregate(root, (node, key) => node is JsonArray a ? a[int.Parse(key)]! : node[key]!);

    private static IEnumerable<(string Path, JsonNode Node)> Walk(JsonNode node, string path)
    {
        yield return (path, node);
        var children = node switch
        {
            JsonObject o => o.Where(p => p.Value is not null).Select(p => (Key: p.Key, Node: p.Value!)),
            JsonArray a => a.Select((n, i) => (Key: i.ToString(), Node: n!)).Where(c => c.Node is not null),
            _ => [],
        };
        foreach (var (key, child) in children)
            foreach (var found in Walk(child, path == "" ? key : $"{path}.{key}")) yield return found;
    }

    /// <summary>A JSON literal of another type than the node's.</summary>
    private static string WrongType(JsonNode node, int pick) => node switch
    {
        JsonObject => new[] { "\"text\"", "5", "[]", "true" }[pick],
        JsonArray => new[] { "\"text\"", "5", "{}", "{\"0\":\"a\"}" }[pick],
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => new[] { "5", "true", "{\"a\":1}", "[\"a\"]" }[pick],
        _ => new[] { "\"abc\"", "{\"a\":1}", "[1]", "\"\"" }[pick],
    };

    /// <summary>The object's text with its first key written twice, the second time in another case and with another value.</summary>
    private static string WithDuplicateKey(JsonObject obj, int variant)
    {
        var (key, value) = obj.First();
        var other = variant switch { 0 => key.ToUpperInvariant(), 1 => char.ToUpperInvariant(key[0]) + key[1..], _ => key };
        if (other == key && variant != 2) other = key.ToLowerInvariant() == key ? key.ToUpperInvariant() : key.ToLowerInvariant();
        var second = value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? "\"other value\"" : value?.ToJsonString() ?? "null";
        var text = new StringBuilder("{");
        text.Append($"{JsonValue.Create(key).ToJsonString()}:{value?.ToJsonString() ?? "null"},{JsonValue.Create(other).ToJsonString()}:{second}");
        foreach (var (k, n) in obj.Skip(1)) text.Append($",{JsonValue.Create(k).ToJsonString()}:{n?.ToJsonString() ?? "null"}");
        return text.Append('}').ToString();
    }
}
