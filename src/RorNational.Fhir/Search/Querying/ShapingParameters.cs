namespace RorNational.Fhir.Search.Querying;

/// <summary>
/// The parameters that shape a search's answer rather than select (_count, _total, _summary,
/// _elements), read the same way by every search of /fhir: the stored resources' and the Measures'.
/// </summary>
public static class ShapingParameters
{
    /// <summary>False when the parameter is not one of them.</summary>
    public static bool Apply(SearchRequest request, string name, string value, SearchOptions limits)
    {
        switch (name)
        {
            case "_count":
                if (!int.TryParse(value, out var count) || count < 0)
                    throw ValueParser.Invalid(name, $"'{value}' is not a number of entries (0 or more)");
                if (count > limits.MaxCount) request.Warnings.Add($"_count: {count} is above the maximum, {limits.MaxCount} per page are returned");
                request.Count = Math.Min(count, limits.MaxCount);
                request.CountOnly |= count == 0;
                return true;
            case "_total":
                request.Total = value switch
                {
                    "none" => false,
                    "accurate" or "estimate" => true,
                    _ => throw ValueParser.Invalid(name, "takes none, estimate or accurate"),
                };
                return true;
            case "_summary":
                if (value == "count") request.CountOnly = true;
                else
                    request.Summary = value switch
                    {
                        "true" => SummaryMode.True,
                        "false" => SummaryMode.False,
                        "text" => SummaryMode.Text,
                        "data" => SummaryMode.Data,
                        _ => throw ValueParser.Invalid(name, "takes true, false, text, data or count"),
                    };
                return true;
            case "_elements":
                request.Elements = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return true;
            default:
                return false;
        }
    }
}
