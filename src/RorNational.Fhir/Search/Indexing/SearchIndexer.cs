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
/// classes: <see cref="ClassifiedIndex"/> composes the rows of each access-profile view of a
/// resource, evaluating again on a view only the parameters that read what the view hides.
/// </summary>
public sealed class SearchIndexer(SearchParameterCatalog catalog, Territory territory)
{
    /// <summary>Where a Location has no position of its own, near-insee-code uses its commune's centroid.</summary>
    public const string CommuneCentroidParam = "commune-centroid";

    /// <summary>The elements the _content text is made of (<see cref="TextOf"/>).</summary>
    public static readonly ElementsRead TextReads = ElementsRead.Names("name", "alias", "comment", "extraDetails", "description");

    /// <summary>The FHIR FHIRPath functions (resolve, extension...), as Hl7.Fhir's own Select uses them.</summary>
    private static readonly FhirPathCompiler Compiler = new(new SymbolTable().AddStandardFP().AddFhirExtensions());

    private sealed record Extracted(SearchParameterDefinition Parameter, CompiledExpression Expression, ElementsRead Reads, ExtensionFilter? Filter);

    /// <summary>
    /// Per type, the parameters whose values are extracted, with their expression rooted at the
    /// type, compiled once: Hl7.Fhir's Select looks each expression up in a shared cache whose
    /// size check locks it on every call.
    /// </summary>
    private readonly Dictionary<string, List<Extracted>> _extracted =
        SearchParameterCatalog.ResourceTypes.ToDictionary(type => type, type => catalog.Of(type)
            // _id and _lastUpdated are columns of the resource row; capacity, equipment and prices have tables of their own.
            .Where(p => p.Code is not ("_id" or "_lastUpdated") && !OwnIndexTables.Index(type, p.Code) && p.ExpressionFor(type) is not null)
            .Select(p => (Parameter: p, Expression: p.ExpressionFor(type)!))
            .Select(e => new Extracted(e.Parameter, Compiler.Compile(e.Expression), ElementsRead.Of(e.Expression), ExtensionFilter.Of(e.Expression)))
            .ToList());

    /// <param name="requires">The data classes a caller must be allowed to see for these rows to match.</param>
    public SearchIndexRows Index(Resource resource, DateTimeOffset lastUpdated, DataClass requires)
    {
        // One node tree for all the expressions of the resource; a fresh context each, as Select gives.
        var node = resource.ToPocoNode();
        var values = Enumerable.Range(0, _extracted[resource.TypeName].Count).Select(p => ValuesOf(resource, node, p)).ToList();
        return Compose(resource, values, TextOf(resource), lastUpdated, requires);
    }

    /// <summary>The parameters of the resource's type that its complete rows have no value of (<see cref="Absence.AbsentParameters"/>).</summary>
    public string[] AbsentFrom(SearchIndexRows rows) => Absence.AbsentParameters.Of(rows, catalog.Of(rows.ResourceType));

    /// <summary>What each extracted parameter of a type reads, in the order <see cref="ValuesOf"/> numbers them.</summary>
    public IReadOnlyList<ElementsRead> ReadsOf(string type) => _extracted[type].Select(e => e.Reads).ToList();

    /// <summary>The rows of the values of one parameter (numbered as in <see cref="ReadsOf"/>), requiring no class yet.</summary>
    /// <param name="node">The resource as FHIRPath reads it (<c>resource.ToPocoNode()</c>), shared by its parameters.</param>
    public SearchIndexRows ValuesOf(Resource resource, PocoNode node, int parameter)
    {
        var (definition, expression, _, filter) = _extracted[resource.TypeName][parameter];
        var rows = new SearchIndexRows(resource.TypeName, resource.Id!, default);
        if (filter is not null && !filter.MayMatch(resource)) return rows;
        foreach (var value in expression(node, new FhirEvaluationContext()).ToFhirValues().OfType<Base>())
            Add(rows, definition, value, DataClass.None);
        return rows;
    }

    /// <summary>
    /// The rows of a resource (or of a view of it) from the values of each of its parameters
    /// (<see cref="ValuesOf"/>, in order) and its _content text (<see cref="TextOf"/>), all requiring <paramref name="requires"/>.
    /// </summary>
    public SearchIndexRows Compose(Resource resource, IReadOnlyList<SearchIndexRows> values, TextRow? text, DateTimeOffset lastUpdated, DataClass requires)
    {
        var rows = new SearchIndexRows(resource.TypeName, resource.Id!, lastUpdated);
        foreach (var parameter in values)
        {
            rows.Tokens.AddRange(parameter.Tokens.Select(t => t with { Requires = requires }));
            rows.Strings.AddRange(parameter.Strings.Select(s => s with { Requires = requires }));
            rows.Numbers.AddRange(parameter.Numbers.Select(n => n with { Requires = requires }));
            rows.Dates.AddRange(parameter.Dates.Select(d => d with { Requires = requires }));
            rows.References.AddRange(parameter.References.Select(r => r with { Requires = requires }));
            rows.Positions.AddRange(parameter.Positions.Select(p => p with { Requires = requires }));
        }
        rows.SortName = rows.Strings.FirstOrDefault(s => s.Param == "name")?.Normalized;
        AddCommuneCentroid(resource, rows);
        if (text is not null) rows.Texts.Add(text with { Requires = requires });
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

    /// <summary>_content: the names and descriptions of the resource (never contacts), as words; null when it has none.</summary>
    public static TextRow? TextOf(Resource resource)
    {
        IEnumerable<string?> texts = resource switch
        {
            Organization organization => [organization.Name, .. organization.Alias],
            HealthcareService service => [service.Name, service.Comment, service.ExtraDetails],
            Location location => [location.Name, location.Description, .. location.Alias],
            _ => [],
        };
        var words = string.Join(' ', texts.Where(t => !string.IsNullOrWhiteSpace(t)).SelectMany(t => TextNormalizer.Words(t!)));
        return words.Length > 0 ? new TextRow(words, DataClass.None) : null;
    }
}
