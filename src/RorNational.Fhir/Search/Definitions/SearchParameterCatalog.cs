using System.Reflection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace RorNational.Fhir.Search.Definitions;

/// <summary>
/// The search parameters this server supports: exactly the SearchParameter resources of
/// fhir-profiles/SearchParameter, embedded at build. They drive the indexer, the query
/// parser, the CapabilityStatement and /fhir/SearchParameter/{id}: one source of truth.
/// </summary>
public sealed class SearchParameterCatalog
{
    public static readonly string[] ResourceTypes = ["Organization", "HealthcareService", "Location", "Practitioner", "PractitionerRole"];

    public static SearchParameterCatalog Default { get; } = LoadEmbedded();

    private readonly Dictionary<(string Type, string Code), SearchParameterDefinition> _byTypeAndCode = [];
    private readonly Dictionary<string, IReadOnlyList<SearchParameterDefinition>> _byType;

    public SearchParameterCatalog(IEnumerable<SearchParameterDefinition> definitions)
    {
        All = definitions.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        foreach (var definition in All)
        foreach (var type in ResourceTypes.Where(definition.AppliesTo))
            _byTypeAndCode[(type, definition.Code)] = definition;
        _byType = ResourceTypes.ToDictionary(type => type, type => (IReadOnlyList<SearchParameterDefinition>)_byTypeAndCode
            .Where(e => e.Key.Type == type).Select(e => e.Value).OrderBy(d => d.Code, StringComparer.Ordinal).ToList());
    }

    public IReadOnlyList<SearchParameterDefinition> All { get; }

    public SearchParameterDefinition? Find(string resourceType, string code) =>
        _byTypeAndCode.GetValueOrDefault((resourceType, code));

    public SearchParameterDefinition? ById(string id) => All.FirstOrDefault(d => d.Id == id);

    /// <summary>The parameters of one resource type, resource-level ones included, by code.</summary>
    public IReadOnlyList<SearchParameterDefinition> Of(string resourceType) => _byType.GetValueOrDefault(resourceType) ?? [];

    private static SearchParameterCatalog LoadEmbedded()
    {
        var assembly = typeof(SearchParameterCatalog).Assembly;
        var definitions = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("SearchParameter/", StringComparison.Ordinal))
            .Select(name => Parse(Read(assembly, name)))
            .ToList();
        if (definitions.Count == 0) throw new InvalidOperationException("No SearchParameter resource is embedded (fhir-profiles/SearchParameter).");
        return new SearchParameterCatalog(definitions);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static SearchParameterDefinition Parse(string json)
    {
        var parameter = FhirJson.Parse<SearchParameter>(json);
        return new SearchParameterDefinition(
            parameter.Id ?? throw new InvalidOperationException("a SearchParameter without id"),
            parameter.Url ?? throw new InvalidOperationException($"SearchParameter {parameter.Id} has no url"),
            parameter.Code ?? throw new InvalidOperationException($"SearchParameter {parameter.Id} has no code"),
            parameter.Base.Select(b => b?.GetLiteral() ?? "").ToList(),
            parameter.Type ?? throw new InvalidOperationException($"SearchParameter {parameter.Id} has no type"),
            string.IsNullOrWhiteSpace(parameter.Expression) ? null : parameter.Expression,
            parameter.Target.Select(t => t?.GetLiteral() ?? "").ToList(),
            parameter.Modifier.Select(m => m?.GetLiteral() ?? "").ToList(),
            parameter.Comparator.Select(c => c?.GetLiteral() ?? "").ToList(),
            parameter.Description,
            json);
    }
}
