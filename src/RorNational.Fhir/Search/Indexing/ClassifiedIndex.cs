using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Fhir.Access;

namespace RorNational.Fhir.Search.Indexing;

/// <summary>
/// The index rows of a resource, each value recorded with the data classes of the least
/// classified element that carries it. For each distinct class set E of the resource's
/// elements, the view keeping only the elements whose classes are within E is indexed with
/// "requires" E (<see cref="ViewValues"/>: a parameter that reads nothing the view hides is
/// evaluated once, on the whole resource); a value already found in a view of fewer classes is not repeated. A profile
/// then matches a value exactly when the rendering it is served shows that value: the index
/// follows the same <see cref="ElementClassification"/> as the renderings, by construction.
/// </summary>
public static class ClassifiedIndex
{
    /// <summary>
    /// The token row that says who may know what a resource lacks: requires the classes of its
    /// content (<see cref="ElementClassification.ContentOf"/>). ":missing=true" matches a
    /// resource that has no value of the parameter only for a profile that may see this row,
    /// and none where a value is there but hidden: a hidden element is neither missing nor present.
    /// Not a search parameter: no query can name it.
    /// </summary>
    public const string AbsenceParam = "_absence";

    public static SearchIndexRows Build(SearchIndexer indexer, Resource resource, JsonObject json, IReadOnlyList<DataClass> classSets, DateTimeOffset lastUpdated)
    {
        var rows = BuildViews(indexer, resource, json, classSets, lastUpdated);
        rows.Tokens.Add(new TokenRow(AbsenceParam, null, "content", ElementClassification.ContentOf(json)));
        rows.Absent = indexer.AbsentFrom(rows);
        return rows;
    }

    /// <param name="json">The resource as stored, parsed (left untouched: each view works on a copy).</param>
    /// <param name="classSets">The distinct class sets of its elements (<see cref="Redaction.ClassSetsOf"/>), the smallest first.</param>
    private static SearchIndexRows BuildViews(SearchIndexer indexer, Resource resource, JsonObject json, IReadOnlyList<DataClass> classSets, DateTimeOffset lastUpdated)
    {
        if (classSets.Count == 1) return indexer.Index(resource, lastUpdated, classSets[0]);
        var views = new ViewValues(indexer, resource, json);
        return Merged(resource, classSets.Select(set => views.Rows(set, lastUpdated)).ToList(), lastUpdated);
    }

    /// <summary>The rows of each view merged: each value with the least classes of the views that show it.</summary>
    private static SearchIndexRows Merged(Resource resource, List<SearchIndexRows> views, DateTimeOffset lastUpdated)
    {
        var rows = new SearchIndexRows(resource.TypeName, resource.Id!, lastUpdated)
        {
            // Sorted by the name everybody may see: a sort must not reveal a hidden name.
            SortName = views[0].SortName,
        };
        rows.Tokens.AddRange(LeastClassified(views.SelectMany(v => v.Tokens), t => t.Requires, t => t with { Requires = DataClass.None }));
        rows.Strings.AddRange(LeastClassified(views.SelectMany(v => v.Strings), s => s.Requires, s => s with { Requires = DataClass.None }));
        rows.Numbers.AddRange(LeastClassified(views.SelectMany(v => v.Numbers), n => n.Requires, n => n with { Requires = DataClass.None }));
        rows.Dates.AddRange(LeastClassified(views.SelectMany(v => v.Dates), d => d.Requires, d => d with { Requires = DataClass.None }));
        rows.References.AddRange(LeastClassified(views.SelectMany(v => v.References), r => r.Requires, r => r with { Requires = DataClass.None }));
        rows.Positions.AddRange(LeastClassified(views.SelectMany(v => v.Positions), p => p.Requires, p => p with { Requires = DataClass.None }));
        rows.Texts.AddRange(LeastClassified(views.SelectMany(v => v.Texts), t => t.Requires, t => t with { Requires = DataClass.None }));
        return rows;
    }

    /// <summary>Of the rows of the same value, those whose classes hold no other's.</summary>
    private static IEnumerable<TRow> LeastClassified<TRow>(IEnumerable<TRow> rows, Func<TRow, DataClass> requires, Func<TRow, TRow> value)
        where TRow : notnull =>
        rows.GroupBy(value).SelectMany(same =>
        {
            var sets = same.Select(requires).Distinct().ToList();
            return same.DistinctBy(requires).Where(row =>
                !sets.Any(other => other != requires(row) && (other & requires(row)) == other));
        });
}
