using RorNational.Domain.Common;

namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// The checks of <see cref="SearchOptions"/>' bounds, each a 400 naming the parameter and the
/// bound (its setting), so that a client knows what to split or shorten.
/// </summary>
public static class SearchLimits
{
    public static CommandRejected Exceeded(string parameter, string what, int bound, string setting) =>
        ValueParser.Invalid(parameter, $"{what}: at most {bound} per search (bound Search:{setting}); split the search or narrow it");

    /// <summary>
    /// What PostgreSQL text cannot hold (NUL) and what no search needs (over-long names and
    /// values) is refused before anything else reads the pair.
    /// </summary>
    public static void CheckPair(string name, string value, SearchOptions limits)
    {
        if (name.Contains('\0'))
            throw ValueParser.Invalid(name.Replace("\0", "\\0"), "a parameter name cannot contain a NUL character (%00)");
        CheckDepth(name, limits);
        if (name.Length > limits.MaxNameLength)
            throw Exceeded(Shown(name), $"a parameter name of {name.Length} characters", limits.MaxNameLength, nameof(SearchOptions.MaxNameLength));
        if (value.Contains('\0'))
            throw ValueParser.Invalid(name, "a value cannot contain a NUL character (%00)");
        if (value.Length > limits.MaxValueLength)
            throw Exceeded(name, $"a value of {value.Length} characters", limits.MaxValueLength, nameof(SearchOptions.MaxValueLength));
    }

    /// <summary>References followed (dots) and _has nested in one parameter name.</summary>
    public static void CheckDepth(string name, SearchOptions limits)
    {
        var has = Occurrences(name, "_has:");
        if (has > limits.MaxHasDepth)
            throw Exceeded(Shown(name), $"{has} nested _has", limits.MaxHasDepth, nameof(SearchOptions.MaxHasDepth));
        var chain = name.Count(c => c == '.');
        if (chain > limits.MaxChainDepth)
            throw Exceeded(Shown(name), $"a chain of {chain} references", limits.MaxChainDepth, nameof(SearchOptions.MaxChainDepth));
    }

    /// <summary>The comma-separated alternatives of a value, at most <see cref="SearchOptions.MaxValuesPerParameter"/>.</summary>
    public static List<string> Alternatives(string name, string raw, SearchOptions limits)
    {
        var values = CriterionParser.SplitOr(raw).Take(limits.MaxValuesPerParameter + 1).ToList();
        if (values.Count > limits.MaxValuesPerParameter)
            throw Exceeded(name, "too many values separated by commas", limits.MaxValuesPerParameter, nameof(SearchOptions.MaxValuesPerParameter));
        return values;
    }

    /// <summary>The comparisons a criterion makes, each an index lookup: what <see cref="SearchOptions.MaxCriteria"/> counts.</summary>
    public static int Comparisons(Criterion criterion) => criterion switch
    {
        AllOf all => all.Criteria.Sum(Comparisons),
        AnyOf any => any.Criteria.Sum(Comparisons),
        Not not => Comparisons(not.Criterion),
        ChainCriterion chain => Comparisons(chain.Target),
        HasCriterion has => Comparisons(has.Source),
        _ => 1,
    };

    /// <summary>A name as an OperationOutcome shows it: a very long one is cut.</summary>
    private static string Shown(string name) => name.Length <= 64 ? name : name[..64] + "...";

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
