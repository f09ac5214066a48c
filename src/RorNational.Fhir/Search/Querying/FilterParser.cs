using System.Text;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
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
public sealed class FilterParser(SearchParameterCatalog catalog, CriterionParser criteria, IOptions<SearchOptions> options)
{
    private const string Name = "_filter";

    /// <summary>
    /// Bounded before and while parsing: the length first, then the nesting (so the recursion
    /// cannot go deep) and the number of comparisons. A parameter this server does not know is
    /// refused even under lenient handling: dropping it would drop the whole filter.
    /// </summary>
    public Criterion Parse(string resourceType, string filter)
    {
        var limits = options.Value;
        if (filter.Length > limits.MaxFilterLength)
            throw SearchLimits.Exceeded(Name, $"a filter of {filter.Length} characters", limits.MaxFilterLength, nameof(SearchOptions.MaxFilterLength));
        var reading = new Reading(Tokenize(filter), limits);
        try
        {
            var criterion = Or(resourceType, reading);
            if (reading.Position < reading.Tokens.Count) throw ValueParser.Invalid(Name, $"unexpected '{reading.Tokens[reading.Position].Text}'");
            return criterion;
        }
        catch (UnknownParameter unknown)
        {
            throw ValueParser.Invalid(Name, $"{unknown.Message} (in _filter, whose parameters must all be known)");
        }
    }

    /// <summary>Where the parser is in the tokens, how deep it is, and how many comparisons it has read.</summary>
    private sealed class Reading(List<Token> tokens, SearchOptions limits)
    {
        public List<Token> Tokens { get; } = tokens;
        public int Position { get; set; }
        private int _depth;
        private int _comparisons;

        public Token? Current => Position < Tokens.Count ? Tokens[Position] : null;

        public void Enter()
        {
            if (++_depth > limits.MaxFilterDepth)
                throw SearchLimits.Exceeded(Name, "parentheses and not nested too deep", limits.MaxFilterDepth, nameof(SearchOptions.MaxFilterDepth));
        }

        public void Leave() => _depth--;

        public void CountComparison()
        {
            if (++_comparisons > limits.MaxFilterComparisons)
                throw SearchLimits.Exceeded(Name, "too many comparisons", limits.MaxFilterComparisons, nameof(SearchOptions.MaxFilterComparisons));
        }

        public bool IsWord(string word) =>
            Current is { Quoted: false } token && token.Text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private Criterion Or(string type, Reading reading) =>
        Joined("or", criteria => new AnyOf(criteria), And, type, reading);

    private Criterion And(string type, Reading reading) =>
        Joined("and", criteria => new AllOf(criteria), Unary, type, reading);

    /// <summary>operand (word operand)*, as one criterion.</summary>
    private static Criterion Joined(string word, Func<List<Criterion>, Criterion> join, Func<string, Reading, Criterion> operand, string type, Reading reading)
    {
        var operands = new List<Criterion> { operand(type, reading) };
        while (reading.IsWord(word))
        {
            reading.Position++;
            operands.Add(operand(type, reading));
        }
        return operands.Count == 1 ? operands[0] : join(operands);
    }

    private Criterion Unary(string type, Reading reading)
    {
        if (!reading.IsWord("not")) return Primary(type, reading);
        reading.Position++;
        reading.Enter();
        var negated = new Not(Primary(type, reading));
        reading.Leave();
        return negated;
    }

    private Criterion Primary(string type, Reading reading)
    {
        if (reading.Current is { Quoted: false, Text: "(" })
        {
            reading.Position++;
            reading.Enter();
            var inner = Or(type, reading);
            if (reading.Current is not { Quoted: false, Text: ")" })
                throw ValueParser.Invalid(Name, "a '(' is not closed");
            reading.Position++;
            reading.Leave();
            return inner;
        }
        if (reading.Position + 2 >= reading.Tokens.Count)
            throw ValueParser.Invalid(Name, "expected a comparison: parameter operator value");
        reading.CountComparison();
        var (path, op, value) = (reading.Tokens[reading.Position].Text, reading.Tokens[reading.Position + 1].Text, reading.Tokens[reading.Position + 2].Text);
        reading.Position += 3;
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
