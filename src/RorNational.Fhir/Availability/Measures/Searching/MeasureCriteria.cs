using Hl7.Fhir.Model;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Availability.Measures.Searching;

/// <summary>The criteria of a Measure search: _id, identifier, url, name; a value matches when any alternative does.</summary>
public static class MeasureCriteria
{
    public static Func<Measure, bool> Of(MeasureSearch search, string name, string code, string? modifier, IReadOnlyList<SearchValue> values)
    {
        if (values.Any(v => v is MissingValue)) throw ValueParser.Invalid(name, "does not take :missing here: every Measure has it");
        return code switch
        {
            "_id" => measure => values.OfType<TokenValue>().Any(token => ValueMatching.Token(token, null, measure.Id)),
            "identifier" => measure => values.OfType<TokenValue>().Any(token => measure.Identifier.Any(token)),
            "url" => measure => values.OfType<TokenValue>().Any(token => token.Code == measure.Url && token.System is null),
            "name" => measure => values.OfType<StringValue>().Any(text => ValueMatching.String(text, modifier, measure.Name)),
            _ => throw new UnknownParameter(name, $"Measure has no search parameter '{code}'"),
        };
    }
}
