using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Hl7.Fhir.FhirPath;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Definitions;
using RorNational.ReferenceData;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// Extracts the index rows of a resource by evaluating the FHIRPath expression of each of its
/// search parameters, as fhir-profiles/ defines them. Every row of one call gets the same data
/// classes: <see cref="ClassifiedIndex"/> calls it once per view of a resource.
/// </summary>
public sealed class SearchIndexer(SearchParameterCatalog catalog, Territory territory)
{
    /// <summary>Where a Location has no position of its own, near-insee-code uses its commune's centroid.</summary>
    public const string CommuneCentroidParam = "commune-centroid";

    /// <summary>The FHIR FHIRPath functions (resolve, extension...), as Hl7.Fhir's own Select uses them.</summary>
    private static readonly FhirPathCompiler Compiler = new(new SymbolTable().AddStandardFP().AddFhirExtensions());

    /// <summary>
    /// Per type, the parameters whose values are extracted, with their expression rooted at the
    /// type, compiled once: Hl7.Fhir's Select looks each expression up in a shared cache whose
    /// size check locks it on every call.
    /// </summary>
    private readonly Dictionary<string, List<(SearchParameterDefinition Parameter, CompiledExpression Expression)>> _extracted =
        SearchParameterCatalog.ResourceTypes.ToDictionary(type => type, type => catalog.Of(type)
            // _id and _lastUpdated are columns of the resource row.
            .Where(p => p.Code is not ("_id" or "_lastUpdated") && p.ExpressionFor(type) is not null)
            .Select(p => (p, Compiler.Compile(p.ExpressionFor(type)!))).ToList());

    /// <param name="requires">The data classes a caller must be allowed to see for these rows to match.</param>
    public SearchIndexRows Index(Resource resource, DateTimeOffset lastUpdated, DataClass requires)
    {
        var type = resource.TypeName;
        var rows = new SearchIndexRows(type, resource.Id!, lastUpdated);
        // One node tree for all the expressions of the resource; a fresh context each, as Select gives.
        var node = resource.ToPocoNode();
        foreach (var (parameter, expression) in _extracted[type])
            foreach (var value in expression(node, new FhirEvaluationContext()).ToFhirValues().OfType<Base>())
                Add(rows, parameter, value, requires);
        rows.SortName = rows.Strings.FirstOrDefault(s => s.Param == "name")?.Normalized;
        AddCommuneCentroid(resource, rows);
        AddText(resource, rows, requires);
        return rows;
    }

    private static void Add(SearchIndexRows rows, SearchParameterDefinition parameter, Base value, DataClass requires)
    {
        var code = parameter.Code;
        switch (parameter.Type)
        {
            case SearchParamType.Token or SearchParamType.Uri:
                foreach (var (system, token) in Tokens(value)) rows.Tokens.Add(new TokenRow(code, system, token, requires));
                break;
            case SearchParamType.String:
                foreach (var text in Strings(value))
                    rows.Strings.Add(new StringRow(code, TextNormalizer.Normalize(text), text, requires));
                break;
            case SearchParamType.Number or SearchParamType.Quantity:
                if (Number(value) is { } number) rows.Numbers.Add(number with { Param = code, Requires = requires });
                break;
            case SearchParamType.Date:
                if (DateRange(value) is { } range) rows.Dates.Add(new DateRow(code, range.Low, range.High, requires));
                break;
            case SearchParamType.Reference:
                if (value is ResourceReference { Reference: { } reference } && reference.Split('/') is [var targetType, var targetId])
                    rows.References.Add(new ReferenceRow(code, targetType, targetId, requires));
                break;
            case SearchParamType.Special:
                if (value is Location.PositionComponent { Latitude: { } latitude, Longitude: { } longitude })
                    rows.Positions.Add(new PositionRow(code, (double)latitude, (double)longitude, requires));
                break;
        }
    }

    private static IEnumerable<(string? System, string Code)> Tokens(Base value) => value switch
    {
        Coding coding when coding.Code is not null => [(coding.System, coding.Code)],
        CodeableConcept concept => concept.Coding.Where(c => c.Code is not null).Select(c => (c.System, c.Code!)),
        Identifier identifier when identifier.Value is not null => [(identifier.System, identifier.Value)],
        ContactPoint contact when contact.Value is not null => [(contact.System?.GetLiteral(), contact.Value)],
        FhirBoolean boolean when boolean.Value is { } b => [(null, b ? "true" : "false")],
        PrimitiveType { JsonValue: { } primitive } => [(null, primitive.ToString()!)],
        _ => [],
    };

    private static IEnumerable<string> Strings(Base value)
    {
        IEnumerable<string?> texts = value switch
        {
            HumanName name => [name.Text, name.Family, .. name.Given],
            Address address => [.. address.Line, address.City, address.District, address.State, address.PostalCode, address.Country, address.Text],
            PrimitiveType { JsonValue: string text } => [text],
            _ => [],
        };
        return texts.Where(t => !string.IsNullOrWhiteSpace(t))!;
    }

    private static NumberRow? Number(Base value) => value switch
    {
        Quantity { Value: { } amount } quantity => new NumberRow("", amount, quantity.System, quantity.Code ?? quantity.Unit, default),
        Integer { Value: { } integer } => new NumberRow("", integer, null, null, default),
        UnsignedInt { Value: { } unsigned } => new NumberRow("", unsigned, null, null, default),
        PositiveInt { Value: { } positive } => new NumberRow("", positive, null, null, default),
        FhirDecimal { Value: { } number } => new NumberRow("", number, null, null, default),
        _ => null,
    };

    private static FhirDateRange? DateRange(Base value)
    {
        switch (value)
        {
            case Period period:
                var start = FhirDateRange.TryParse(period.Start, out var from) ? from.Low : FhirDateRange.Earliest;
                var end = FhirDateRange.TryParse(period.End, out var to) ? to.High : FhirDateRange.Latest;
                return new FhirDateRange(start, end).ToMicroseconds();
            case PrimitiveType primitive when FhirDateRange.TryParse(primitive.ToString(), out var range):
                return range.ToMicroseconds();
            default:
                return null;
        }
    }

    private void AddCommuneCentroid(Resource resource, SearchIndexRows rows)
    {
        if (resource is not Location || rows.Positions.Count > 0) return;
        var commune = rows.Tokens.FirstOrDefault(t => t.Param == "commune-cog");
        if (commune is not null && territory.CentroidOf(commune.Code) is { } centroid)
            rows.Positions.Add(new PositionRow(CommuneCentroidParam, centroid.Latitude, centroid.Longitude, commune.Requires));
    }

    /// <summary>_content: the names and descriptions of the resource (never contacts), as words.</summary>
    private static void AddText(Resource resource, SearchIndexRows rows, DataClass requires)
    {
        IEnumerable<string?> texts = resource switch
        {
            Organization organization => [organization.Name, .. organization.Alias],
            HealthcareService service => [service.Name, service.Comment, service.ExtraDetails],
            Location location => [location.Name, location.Description, .. location.Alias],
            _ => [],
        };
        var words = string.Join(' ', texts.Where(t => !string.IsNullOrWhiteSpace(t)).SelectMany(t => TextNormalizer.Words(t!)));
        if (words.Length > 0)
            rows.Texts.Add(new TextRow(words, requires));
    }
}
