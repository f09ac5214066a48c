using System.Text;
using System.Text.Json;
using RorNational.Domain.Common;

namespace RorNational.Offer.Http;

/// <summary>
/// Walks a JSON body once before it is bound, and refuses what the serializer would let
/// through or fail on with a 500: invalid UTF-8, lone surrogates, NUL and other control
/// characters in strings, a member named twice (also when the names differ only by case,
/// since binding ignores case), nesting deeper than <see cref="MaxDepth"/>.
/// </summary>
public static class JsonHygiene
{
    public const int MaxDepth = 32;

    private sealed class Scope(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string? Member { get; set; }
        public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    public static void Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var scopes = new List<Scope>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName)
                    && scopes.Count > 0 && scopes[^1].IsArray)
                    scopes[^1].Index++;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: scopes.Add(new Scope(isArray: false)); break;
                    case JsonTokenType.StartArray: scopes.Add(new Scope(isArray: true)); break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray: scopes.RemoveAt(scopes.Count - 1); break;
                    case JsonTokenType.PropertyName:
                        var scope = scopes[^1];
                        var name = Text(ref reader, scopes, "member names");
                        scope.Member = name;
                        if (!scope.Members.Add(name))
                            throw Refusal("is given twice in the same object (member names are compared ignoring case)", scopes);
                        break;
                    case JsonTokenType.String: Text(ref reader, scopes, "strings"); break;
                }
            }
        }
        catch (JsonException malformed)
        {
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"not valid JSON (line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine}; nesting is limited to {MaxDepth} levels)");
        }
    }

    private static string Text(ref Utf8JsonReader reader, List<Scope> scopes, string what)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Refusal($"{what} must be valid UTF-8 text, without lone surrogates (\\ud800 to \\udfff alone)", scopes);
        }
        if (text.Any(IsRefusedControl))
            throw Refusal($"{what} must not hold NUL or other control characters (tab, line feed and carriage return are allowed)", scopes);
        return text;
    }

    private static bool IsRefusedControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    private static CommandRejected Refusal(string message, List<Scope> scopes) =>
        CommandRejected.Because(RejectionKind.Invalid, message, PathOf(scopes));

    /// <summary>The JSON path of the current token (contacts[0].telecoms[1].value), null at the root.</summary>
    private static string? PathOf(List<Scope> scopes)
    {
        var path = new StringBuilder();
        foreach (var scope in scopes)
        {
            if (scope.IsArray) path.Append('[').Append(scope.Index).Append(']');
            else if (scope.Member is { } member) path.Append(path.Length == 0 ? "" : ".").Append(member);
        }
        return path.Length == 0 ? null : path.ToString();
    }
}
