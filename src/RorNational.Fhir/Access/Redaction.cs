using System.Text.Json.Nodes;

namespace RorNational.Fhir.Access;

/// <summary>
/// Removes from a resource the elements whose classes a rule hides, and says so in
/// meta.security (REDACTED). meta.versionId and lastUpdated stay those of the stored
/// resource, so ETags are the same for every profile.
/// </summary>
public static class Redaction
{
    public const string SecuritySystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    public const string RedactedCode = "REDACTED";

    /// <summary>The resource as a profile may see it: the stored JSON itself when nothing of it is hidden.</summary>
    public static string ForProfile(string json, IReadOnlyCollection<DataClass> classSets, AccessProfile profile)
    {
        if (!profile.HidesAnyOf(classSets)) return json;
        var resource = JsonNode.Parse(json)!.AsObject();
        if (Remove(resource, profile.Hides)) MarkRedacted(resource);
        return resource.ToJsonString(FhirJson.Options);
    }

    /// <summary>The distinct class sets of the elements of a resource (each with its setting).</summary>
    public static IReadOnlyList<DataClass> ClassSetsOf(JsonObject resource)
    {
        var sets = new HashSet<DataClass> { ElementClassification.ContextOf(resource) };
        Remove(resource, classes => { sets.Add(classes); return false; });
        return sets.Order().ToList();
    }

    /// <summary>Removes the elements <paramref name="hidden"/> hides (and arrays left empty); true when anything was removed.</summary>
    public static bool Remove(JsonObject resource, Func<DataClass, bool> hidden)
    {
        var topLevel = ElementClassification.TopLevelOf(resource);
        var removed = false;
        foreach (var (name, value) in resource.ToList())
            removed |= Visit(resource, name, value, topLevel(name), hidden);
        return removed;
    }

    private static bool Visit(JsonObject parent, string name, JsonNode? value, DataClass inherited, Func<DataClass, bool> hidden)
    {
        if (value is not JsonArray items)
        {
            var classes = inherited | ElementClassification.OfElement(name, value);
            if (!hidden(classes)) return VisitChildren(value, classes, hidden);
            parent.Remove(name);
            return true;
        }
        var removed = false;
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var classes = inherited | ElementClassification.OfElement(name, items[i]);
            if (hidden(classes))
            {
                items.RemoveAt(i);
                removed = true;
            }
            else
                removed |= VisitChildren(items[i], classes, hidden);
        }
        // FHIR arrays are never empty.
        if (items.Count == 0) parent.Remove(name);
        return removed;
    }

    private static bool VisitChildren(JsonNode? node, DataClass inherited, Func<DataClass, bool> hidden)
    {
        if (node is not JsonObject element) return false;
        var removed = false;
        foreach (var (name, value) in element.ToList())
            removed |= Visit(element, name, value, inherited, hidden);
        return removed;
    }

    private static void MarkRedacted(JsonObject resource)
    {
        var meta = resource["meta"] as JsonObject ?? new JsonObject();
        resource["meta"] = meta;
        var security = meta["security"] as JsonArray ?? new JsonArray();
        meta["security"] = security;
        security.Add(new JsonObject { ["system"] = SecuritySystem, ["code"] = RedactedCode, ["display"] = "redacted" });
    }
}
