using Hl7.Fhir.Model;
using RorNational.Fhir.Search.Querying;

namespace RorNational.Fhir.Availability.Measures.Searching;

/// <summary>
/// One page of computed resources, sorted by id: keyset pages as the stored searches have
/// (the cursor holds the id the page starts after, or, going back, before), the total, and the
/// includes of the page's matches, never truncated.
/// </summary>
public static class SearchPages
{
    public static SearchResult Page(SearchRequest request, IReadOnlyList<Resource> matches, Func<IEnumerable<Resource>, IEnumerable<Resource>> includesOf)
    {
        var sorted = matches.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        var result = new SearchResult { Total = request.Total ? sorted.Count : null };
        if (request.CountOnly) return result;
        int start, end;
        if (request.Cursor is { Backward: true } back)
        {
            end = sorted.FindIndex(m => string.CompareOrdinal(m.Id, back.Id) >= 0);
            if (end < 0) end = sorted.Count;
            start = Math.Max(0, end - request.Count);
        }
        else
        {
            start = request.Cursor is { } after ? sorted.FindIndex(m => string.CompareOrdinal(m.Id, after.Id) > 0) : 0;
            if (start < 0) start = sorted.Count;
            end = Math.Min(sorted.Count, start + request.Count);
        }
        var page = sorted.GetRange(start, end - start);
        result.Matches.AddRange(page.Select(Found));
        var seen = page.Select(m => (m.TypeName, m.Id)).ToHashSet();
        result.Includes.AddRange(includesOf(page).Where(r => seen.Add((r.TypeName, r.Id))).Select(Found));
        if (end < sorted.Count && page.Count > 0) result.Next = new PageCursor([], page[^1].Id!);
        if (start > 0 && page.Count > 0) result.Previous = new PageCursor([], page[0].Id!, Backward: true);
        return result;
    }

    private static FoundResource Found(Resource resource) => new(resource.TypeName, resource.Id!, FhirJson.SerializeToUtf8Bytes(resource));
}
