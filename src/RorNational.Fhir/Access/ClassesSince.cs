using System.Text.Json;
using System.Text.Json.Nodes;

namespace RorNational.Fhir.Access;

/// <summary>
/// The classes the data of an older version of a resource have had since, in the versions
/// published after it: an older version is served with the most restrictive classification
/// each of its data has had since, not only the one it had then. A datum is a text value
/// (a telecom number, a name, a psychiatric sector...), compared as text; codes, systems
/// and urls are vocabulary, not data, and numbers and booleans are not told apart. Within
/// one later version a datum shown several times has the classes all its places share (what
/// it takes to see it there); across later versions the classes add up. A unit flagged
/// sensitive in any later version makes every element of the older one sensitive too, so a
/// renamed sensitive unit does not show its former name.
/// </summary>
public sealed class ClassesSince
{
    private static readonly HashSet<string> Vocabulary = ["url", "system", "code", "display", "version", "resourceType", "id", "reference", "profile", "unit"];

    private readonly Dictionary<string, DataClass> _data;

    private ClassesSince(Dictionary<string, DataClass> data, DataClass wholeResource)
    {
        _data = data;
        WholeResource = wholeResource;
    }

    /// <summary>Nothing published since: a version is redacted by its own data only.</summary>
    public static readonly ClassesSince Nothing = new([], DataClass.None);

    /// <summary>Classes every element of the older version gains, beyond its metadata (a later sensitive unit's).</summary>
    public DataClass WholeResource { get; }

    public bool IsNothing => WholeResource == DataClass.None && _data.Count == 0;

    /// <summary>These classes and those of one more version, published after every version they were gathered from.</summary>
    public ClassesSince And(JsonObject laterVersion)
    {
        var data = new Dictionary<string, DataClass>(_data);
        foreach (var (value, classes) in DataOf(laterVersion))
            data[value] = data.GetValueOrDefault(value) | classes;
        var whole = WholeResource | (ElementClassification.IsSensitiveUnit(laterVersion) ? DataClass.SensitiveUnit : DataClass.None);
        return new ClassesSince(data, whole);
    }

    /// <summary>
    /// The classes an element of the older version gains from its data: those of each text
    /// value it holds directly or through single elements. An element that carries its own
    /// confidentiality level (a contact, a telecom) also gains those of its sub-extensions,
    /// but not of the elements inside it that carry their own level: a raised telecom takes
    /// away that whole telecom, not its contact nor the contact's other telecoms. Other
    /// arrays' items are judged one by one.
    /// </summary>
    public DataClass Of(string? propertyName, JsonNode? element)
    {
        if (_data.Count == 0) return DataClass.None;
        return element switch
        {
            JsonValue value when IsDatum(propertyName, value, out var text) => _data.GetValueOrDefault(text),
            JsonObject item => item.Aggregate(DataClass.None, (classes, p) => classes | OfMember(item, p.Key, p.Value)),
            _ => DataClass.None,
        };
    }

    private DataClass OfMember(JsonObject owner, string name, JsonNode? member)
    {
        if (member is not JsonArray items) return Of(name, member);
        if (!ElementClassification.CarriesConfidentialityLevel(owner)) return DataClass.None;
        return items.Where(i => i is not JsonObject inner || !ElementClassification.CarriesConfidentialityLevel(inner))
            .Aggregate(DataClass.None, (classes, i) => classes | Of(name, i));
    }

    /// <summary>Each datum of a version with the classes all its places in it share.</summary>
    private static Dictionary<string, DataClass> DataOf(JsonObject version)
    {
        var data = new Dictionary<string, DataClass>();
        // The visitor hides nothing, so the walk leaves the version as it is: no copy needed.
        Redaction.Walk(version, (name, node, classes) =>
        {
            if (node is JsonValue value && IsDatum(name, value, out var text))
                data[text] = data.TryGetValue(text, out var known) ? known & classes : classes;
            return false;
        }, Nothing);
        return data;
    }

    private static bool IsDatum(string? propertyName, JsonValue value, out string text)
    {
        text = "";
        if (propertyName is null || Vocabulary.Contains(propertyName) || value.GetValueKind() != JsonValueKind.String) return false;
        text = value.GetValue<string>();
        return text.Length > 0;
    }
}
