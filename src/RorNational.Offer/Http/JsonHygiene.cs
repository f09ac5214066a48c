using System.Text;
using System.Text.Json;
using System.Text.Unicode;
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

    private sealed class Scope
    {
        public bool IsArray { get; private set; }
        public int Index { get; set; }
        public string? Member { get; set; }
        public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Scope Opened(bool isArray)
        {
            IsArray = isArray;
            Index = -1;
            Member = null;
            Members.Clear();
            return this;
        }
    }

    /// <summary>The scopes open, innermost last, over the ones kept from deeper levels closed before (reused when opened again).</summary>
    private sealed class Scopes : List<Scope>
    {
        private readonly List<Scope> _kept = [];

        public void Open(bool isArray)
        {
            if (Count == _kept.Count) _kept.Add(new Scope());
            Add(_kept[Count].Opened(isArray));
        }

        public void Close() => RemoveAt(Count - 1);
    }

    public static void Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var scopes = new Scopes();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName)
                    && scopes.Count > 0 && scopes[^1].IsArray)
                    scopes[^1].Index++;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: scopes.Open(isArray: false); break;
                    case JsonTokenType.StartArray: scopes.Open(isArray: true); break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray: scopes.Close(); break;
                    case JsonTokenType.PropertyName:
                        var scope = scopes[^1];
                        var name = Text(ref reader, scopes, "member names");
                        scope.Member = name;
                        if (!scope.Members.Add(name))
                            throw Refusal("is given twice in the same object (member names are compared ignoring case)", scopes);
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped || !IsCleanText(reader.ValueSpan)) Text(ref reader, scopes, "strings");
                        break;
                }
            }
        }
        catch (JsonException malformed)
        {
            throw CommandRejected.Because(RejectionKind.Invalid,
                $"not valid JSON (line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine}; nesting is limited to {MaxDepth} levels)");
        }
    }

    private static string Text(ref Utf8JsonReader reader, Scopes scopes, string what)
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

    /// <summary>
    /// Whether the bytes of a string without escapes are valid UTF-8 holding no control character
    /// <see cref="IsRefusedControl"/> refuses. JSON forbids the raw C0 controls in strings (the
    /// reader refuses them): left are DEL (7F) and the C1 controls (U+0080 to U+009F, C2 80 to
    /// C2 9F in UTF-8). When false, <see cref="Text"/> finds what is wrong and says it.
    /// </summary>
    private static bool IsCleanText(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8)) return false;
        var rest = utf8;
        while (rest.IndexOfAny((byte)0x7F, (byte)0xC2) is var i and >= 0)
        {
            // Valid UTF-8: C2 leads a second byte from 80 to BF, of which 80 to 9F are the C1 controls.
            if (rest[i] == 0x7F || (i + 1 < rest.Length && rest[i + 1] <= 0x9F)) return false;
            rest = rest[(i + 1)..];
        }
        return true;
    }

    private static bool IsRefusedControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    private static CommandRejected Refusal(string message, Scopes scopes) =>
        CommandRejected.Because(RejectionKind.Invalid, message, PathOf(scopes));

    /// <summary>The JSON path of the current token (contacts[0].telecoms[1].value), null at the root.</summary>
    private static string? PathOf(Scopes scopes)
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
