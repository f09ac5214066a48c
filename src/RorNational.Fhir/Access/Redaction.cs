using System.Text.Json;
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
    public static string ForProfile(string json, IReadOnlyCollection<DataClass> classSets, AccessProfile profile) =>
        ForProfile(json, classSets, profile, ClassesSince.Nothing);

    /// <summary>
    /// A version of a resource as a profile may see it, its data classified by their own
    /// classes and by those they have had <paramref name="since"/> in the later versions.
    /// </summary>
    public static string ForProfile(string json, IReadOnlyCollection<DataClass> classSets, AccessProfile profile, ClassesSince since)
    {
        if (profile.SeesEverything || (since.IsNothing && !profile.HidesAnyOf(classSets))) return json;
        var resource = JsonNode.Parse(json)!.AsObject();
        if (Walk(resource, (_, _, classes) => profile.Hides(classes), since)) MarkRedacted(resource);
        return resource.ToJsonString(FhirJson.Options);
    }

    /// <summary>
    /// The same for a resource held as its UTF-8 bytes (a current resource as read from the store):
    /// the stored bytes themselves when nothing of it is hidden, else the redacted JSON as UTF-8.
    /// </summary>
    public static byte[] ForProfile(byte[] utf8Json, IReadOnlyCollection<DataClass> classSets, AccessProfile profile)
    {
        if (profile.SeesEverything || !profile.HidesAnyOf(classSets)) return utf8Json;
        var resource = JsonNode.Parse(utf8Json)!.AsObject();
        if (Walk(resource, (_, _, classes) => profile.Hides(classes), ClassesSince.Nothing)) MarkRedacted(resource);
        return JsonSerializer.SerializeToUtf8Bytes(resource, FhirJson.Options);
    }

    /// <summary>The distinct class sets of the elements of a resource (each with its setting).</summary>
    public static IReadOnlyList<DataClass> ClassSetsOf(JsonObject resource)
    {
        var sets = new HashSet<DataClass> { ElementClassification.ContextOf(resource) };
        Remove(resource, classes => { sets.Add(classes); return false; });
        return sets.Order().ToList();
    }

    /// <summary>Removes the elements <paramref name="hidden"/> hides (and arrays left empty); true when anything was removed.</summary>
    public static bool Remove(JsonObject resource, Func<DataClass, bool> hidden) =>
        Walk(resource, (_, _, classes) => hidden(classes), ClassesSince.Nothing);

    /// <summary>
    /// Removes what <paramref name="hidden"/> hides from some of the top-level elements of a
    /// resource, copied into <paramref name="part"/>: they are classified as within the whole
    /// resource, whose <see cref="ElementClassification.TopLevelOf"/> is <paramref name="topLevel"/>.
    /// </summary>
    public static void RemoveFromPart(JsonObject part, Func<string, DataClass> topLevel, Func<DataClass, bool> hidden) =>
        Walk(part, topLevel, (_, _, classes) => hidden(classes), ClassesSince.Nothing);

    /// <summary>The distinct class sets of the elements within each top-level element of a resource.</summary>
    public static Dictionary<string, HashSet<DataClass>> ClassSetsByTopLevelElement(JsonObject resource)
    {
        var topLevel = ElementClassification.TopLevelOf(resource);
        var byElement = new Dictionary<string, HashSet<DataClass>>(StringComparer.Ordinal);
        foreach (var (name, value) in resource)
        {
            var sets = byElement[name] = [];
            Visit(resource, name, value, topLevel(name), (_, _, classes) => { sets.Add(classes); return false; }, ClassesSince.Nothing);
        }
        return byElement;
    }

    /// <summary>
    /// Visits every element of a resource (array items one by one, the property name of an
    /// item being its array's) with its classes, and removes those <paramref name="hidden"/>
    /// hides (and arrays left empty); true when anything was removed.
    /// </summary>
    public static bool Walk(JsonObject resource, Func<string, JsonNode?, DataClass, bool> hidden, ClassesSince since) =>
        Walk(resource, ElementClassification.TopLevelOf(resource), hidden, since);

    private static bool Walk(JsonObject resource, Func<string, DataClass> topLevel, Func<string, JsonNode?, DataClass, bool> hidden, ClassesSince since)
    {
        var removed = false;
        foreach (var (name, value) in resource.ToList())
        {
            // Metadata (id, meta) is every version's own: nothing published since changes it.
            if (ElementClassification.IsMetadata(name))
                removed |= Visit(resource, name, value, topLevel(name), hidden, ClassesSince.Nothing);
            else
                removed |= Visit(resource, name, value, topLevel(name) | since.WholeResource, hidden, since);
        }
        return removed;
    }

    private static DataClass ClassesOf(string name, JsonNode? element, DataClass inherited, ClassesSince since) =>
        inherited | ElementClassification.OfElement(name, element) | since.Of(name, element);

    private static bool Visit(JsonObject parent, string name, JsonNode? value, DataClass inherited,
        Func<string, JsonNode?, DataClass, bool> hidden, ClassesSince since)
    {
        if (value is not JsonArray items)
        {
            var classes = ClassesOf(name, value, inherited, since);
            if (!hidden(name, value, classes)) return VisitChildren(value, classes, hidden, since);
            parent.Remove(name);
            return true;
        }
        var removed = false;
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var classes = ClassesOf(name, items[i], inherited, since);
            if (hidden(name, items[i], classes))
            {
                items.RemoveAt(i);
                removed = true;
            }
            else
                removed |= VisitChildren(items[i], classes, hidden, since);
        }
        // FHIR arrays are never empty.
        if (items.Count == 0) parent.Remove(name);
        return removed;
    }

    private static bool VisitChildren(JsonNode? node, DataClass inherited, Func<string, JsonNode?, DataClass, bool> hidden, ClassesSince since)
    {
        if (node is not JsonObject element) return false;
        var removed = false;
        foreach (var (name, value) in element.ToList())
            removed |= Visit(element, name, value, inherited, hidden, since);
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
