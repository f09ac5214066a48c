using System.Text;
using Hl7.Fhir.Model;
using RorNational.Fhir.Search.Definitions;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// The _filter subset the national guide uses: comparisons "param op value" on the search
/// parameters (chains allowed), joined with and / or / not and parentheses.
/// Operators: eq, ne, gt, ge, lt, le, sa, eb on numbers, quantities and dates; eq, ne on
/// tokens and references; eq (exact), sw (starts with), co (contains) on strings;
/// pr (present) on any; "=" is read as eq, as in the guide's examples.
/// Each comparison becomes the same criterion its search parameter would give.
/// </summary>
public sealed class FilterParser(SearchParameterCatalog catalog, CriterionParser criteria)
{
    private const string Name = "_filter";

    public Criterion Parse(string resourceType, string filter)
    {
        var tokens = Tokenize(filter);
        var position = 0;
        var criterion = Or(resourceType, tokens, ref position);
        if (position < tokens.Count) throw ValueParser.Invalid(Name, $"unexpected '{tokens[position].Text}'");
        return criterion;
    }

    private Criterion Or(string type, List<Token> tokens, ref int position) =>
        Joined("or", criteria => new AnyOf(criteria), And, type, tokens, ref position);

    private Criterion And(string type, List<Token> tokens, ref int position) =>
        Joined("and", criteria => new AllOf(criteria), Unary, type, tokens, ref position);

    private delegate Criterion Operand(string type, List<Token> tokens, ref int position);

    /// <summary>operand (word operand)*, as one criterion.</summary>
    private static Criterion Joined(string word, Func<List<Criterion>, Criterion> join, Operand operand, string type, List<Token> tokens, ref int position)
    {
        var operands = new List<Criterion> { operand(type, tokens, ref position) };
        while (IsWord(tokens, position, word))
        {
            position++;
            operands.Add(operand(type, tokens, ref position));
        }
        return operands.Count == 1 ? operands[0] : join(operands);
    }

    private Criterion Unary(string type, List<Token> tokens, ref int position)
    {
        if (IsWord(tokens, position, "not"))
        {
            position++;
            return new Not(Primary(type, tokens, ref position));
        }
        return Primary(type, tokens, ref position);
    }

    private Criterion Primary(string type, List<Token> tokens, ref int position)
    {
        if (position < tokens.Count && tokens[position] is { Quoted: false, Text: "(" })
        {
            position++;
            var inner = Or(type, tokens, ref position);
            if (position >= tokens.Count || tokens[position] is not { Quoted: false, Text: ")" })
                throw ValueParser.Invalid(Name, "a '(' is not closed");
            position++;
            return inner;
        }
        if (position + 2 >= tokens.Count)
            throw ValueParser.Invalid(Name, "expected a comparison: parameter operator value");
        var path = tokens[position].Text;
        var op = tokens[position + 1].Text;
        var value = tokens[position + 2].Text;
        position += 3;
        return Comparison(type, path, op, value);
    }

    private Criterion Comparison(string type, string path, string op, string value)
    {
        var parameterType = TypeOf(type, path);
        string Prefixed(string prefix) => prefix + value;
        return (op, parameterType) switch
        {
            ("pr", _) => value is "true" or "false"
                ? criteria.Parse(type, path + ":missing", value == "true" ? "false" : "true")
                : throw ValueParser.Invalid(Name, "pr takes true or false"),
            ("eq" or "=", SearchParamType.String) when !path.EndsWith("_content", StringComparison.Ordinal) =>
                criteria.Parse(type, path + ":exact", Escape(value)),
            ("sw" or "eq" or "=", SearchParamType.String) => criteria.Parse(type, path, Escape(value)),
            ("co", SearchParamType.String) => criteria.Parse(type, path + ":contains", Escape(value)),
            ("eq" or "=", SearchParamType.Token or SearchParamType.Reference or SearchParamType.Uri or SearchParamType.Special) =>
                criteria.Parse(type, path, Escape(value)),
            ("ne", SearchParamType.Token or SearchParamType.Reference or SearchParamType.Uri) =>
                new Not(criteria.Parse(type, path, Escape(value))),
            ("eq" or "=" or "ne" or "gt" or "ge" or "lt" or "le" or "sa" or "eb", SearchParamType.Number or SearchParamType.Date or SearchParamType.Quantity) =>
                criteria.Parse(type, path, Prefixed(op == "=" ? "eq" : op)),
            _ => throw ValueParser.Invalid(Name, $"the operator '{op}' is not supported on {path} ({parameterType})"),
        };
    }

    /// <summary>The type of the last parameter of a path such as location.commune-cog.</summary>
    private SearchParamType TypeOf(string type, string path)
    {
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var code = segments[i].Split(':')[0];
            var parameter = catalog.Find(type, code) ?? throw new UnknownParameter(Name, $"{type} has no search parameter '{code}' (in _filter)");
            if (i == segments.Length - 1) return parameter.Type;
            type = parameter.Targets.FirstOrDefault(SearchParameterCatalog.ResourceTypes.Contains)
                ?? throw new UnknownParameter(Name, $"{code} refers to resources this server does not serve (in _filter)");
        }
        throw ValueParser.Invalid(Name, "empty parameter path");
    }

    /// <summary>A _filter value is one value: its commas are not alternatives.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace(",", "\\,");

    private static bool IsWord(List<Token> tokens, int position, string word) =>
        position < tokens.Count && tokens[position] is { Quoted: false } token && token.Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    private sealed record Token(string Text, bool Quoted);

    private static List<Token> Tokenize(string filter)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')' or '=') { tokens.Add(new Token(c.ToString(), false)); i++; continue; }
            if (c == '"')
            {
                var text = new StringBuilder();
                i++;
                while (i < filter.Length && filter[i] != '"')
                {
                    if (filter[i] == '\\' && i + 1 < filter.Length) i++;
                    text.Append(filter[i++]);
                }
                if (i >= filter.Length) throw ValueParser.Invalid(Name, "a quoted value is not closed");
                i++;
                tokens.Add(new Token(text.ToString(), true));
                continue;
            }
            var start = i;
            while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] is not ('(' or ')' or '=' or '"')) i++;
            tokens.Add(new Token(filter[start..i], false));
        }
        return tokens;
    }
}
