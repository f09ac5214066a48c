using System.Text.Json.Nodes;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using RorNational.Fhir.Access;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The index rows of the access-profile views of one resource (<see cref="ClassifiedIndex"/>),
/// without evaluating a search parameter twice to the same values. A view hides whole
/// elements; a parameter that reads none of the top-level elements a view hides something in
/// (<see cref="ElementsRead"/>) has, in that view, the values it has in the whole resource,
/// evaluated once. Only the other parameters are evaluated on the view, which is built from
/// the top-level elements they read alone. Each view's rows are the very rows indexing the
/// whole view would give, in the same order.
/// </summary>
internal sealed class ViewValues(SearchIndexer indexer, Resource resource, JsonObject json)
{
    private static readonly string[] Metadata = ["resourceType", "id", "meta"];

    private readonly IReadOnlyList<ElementsRead> _reads = indexer.ReadsOf(resource.TypeName);
    private readonly Dictionary<string, HashSet<DataClass>> _classSets = Redaction.ClassSetsByTopLevelElement(json);
    private readonly Func<string, DataClass> _topLevel = ElementClassification.TopLevelOf(json);
    private SearchIndexRows?[]? _whole;
    private PocoNode? _wholeNode;

    /// <summary>The rows of the view keeping the elements whose classes are within <paramref name="set"/>, all requiring it.</summary>
    public SearchIndexRows Rows(DataClass set, DateTimeOffset lastUpdated)
    {
        var hiding = _classSets.Where(e => e.Value.Any(classes => (classes & ~set) != 0)).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var again = _reads.Select(read => read.AnyOf(hiding)).ToArray();
        var textAgain = SearchIndexer.TextReads.AnyOf(hiding);
        var view = again.Any(a => a) || textAgain ? View(set, again, textAgain) : null;
        var viewNode = view?.ToPocoNode();
        var values = new SearchIndexRows[_reads.Count];
        for (var p = 0; p < values.Length; p++)
            values[p] = again[p] ? indexer.ValuesOf(view!, viewNode!, p) : Whole(p);
        var text = SearchIndexer.TextOf(textAgain ? view! : resource);
        return indexer.Compose(resource, values, text, lastUpdated, set);
    }

    /// <summary>The values of a parameter in the whole resource, evaluated at most once.</summary>
    private SearchIndexRows Whole(int parameter)
    {
        _whole ??= new SearchIndexRows?[_reads.Count];
        _wholeNode ??= resource.ToPocoNode();
        return _whole[parameter] ??= indexer.ValuesOf(resource, _wholeNode, parameter);
    }

    /// <summary>The view, reduced to its metadata and the top-level elements the parameters evaluated again read.</summary>
    private Resource View(DataClass set, bool[] again, bool textAgain)
    {
        var read = new HashSet<string>(Metadata, StringComparer.Ordinal);
        var present = json.Select(e => e.Key).ToList();
        for (var p = 0; p < again.Length; p++)
            if (again[p]) read.UnionWith(_reads[p].Among(present));
        if (textAgain) read.UnionWith(SearchIndexer.TextReads.Among(present));
        var part = new JsonObject();
        foreach (var (name, value) in json)
            if (read.Contains(name)) part[name] = value?.DeepClone();
        Redaction.RemoveFromPart(part, _topLevel, classes => (classes & ~set) != 0);
        return FhirJson.ParseOwn<Resource>(part);
    }
}
