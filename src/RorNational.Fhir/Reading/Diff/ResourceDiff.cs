using Hl7.Fhir.Model;

namespace RorNational.Fhir.Reading.Diff;

/// <summary>
/// The differences between two versions of a resource as a FHIR Patch (a Parameters of
/// <c>operation</c> parts), as HAPI's <c>$diff</c> writes them: element by element, arrays
/// item by item by index. A changed primitive value or a changed type is a <c>replace</c>
/// with <c>previousValue</c> and <c>value</c>; an element the older version lacks is an
/// <c>add</c> (a single element: path of its parent, <c>name</c>) or an <c>insert</c> (an
/// array item: path of the array, <c>index</c>); an element the newer version lacks is a
/// <c>delete</c>, array items from the last one, so that the patch applies in order.
/// <c>meta</c> is left out unless asked for (HAPI's <c>includeMeta</c>). Without an older
/// version, the whole resource is one <c>insert</c>.
/// </summary>
public static class ResourceDiff
{
    public static Parameters Between(Resource? from, Resource to, bool includeMeta)
    {
        var diff = new Parameters();
        if (from is null)
            Operation(diff, "insert", to.TypeName).Part.Add(new Parameters.ParameterComponent { Name = "value", Resource = (Resource)to.DeepCopy() });
        else
            Compare(diff, to.TypeName, from, to, skip: includeMeta ? [] : ["meta"]);
        return diff;
    }

    private static void Compare(Parameters diff, string path, Base older, Base newer, IReadOnlyCollection<string> skip)
    {
        if (older.TypeName != newer.TypeName)
        {
            Replace(diff, path, older, newer);
            return;
        }
        if (older is PrimitiveType olderValue && newer is PrimitiveType newerValue && olderValue.ToString() != newerValue.ToString())
            Replace(diff, path, older, newer);
        var olderChildren = Children(older);
        var newerChildren = Children(newer);
        foreach (var name in newerChildren.Keys.Concat(olderChildren.Keys).Distinct().Where(name => !skip.Contains(name)))
            CompareChild(diff, path, name, olderChildren.GetValueOrDefault(name), newerChildren.GetValueOrDefault(name));
    }

    private static void CompareChild(Parameters diff, string parent, string name, Child? older, Child? newer)
    {
        var repeating = (newer ?? older)!.Repeating;
        var olderItems = older?.Items ?? [];
        var newerItems = newer?.Items ?? [];
        string PathOf(int index) => repeating ? $"{parent}.{name}[{index}]" : $"{parent}.{name}";
        var common = Math.Min(olderItems.Count, newerItems.Count);
        for (var i = 0; i < common; i++) Compare(diff, PathOf(i), olderItems[i], newerItems[i], []);
        for (var i = common; i < newerItems.Count; i++)
        {
            if (repeating)
            {
                var insert = Operation(diff, "insert", $"{parent}.{name}");
                insert.Part.Add(new Parameters.ParameterComponent { Name = "index", Value = new Integer(i) });
                insert.Part.Add(Value("value", newerItems[i]));
            }
            else
            {
                var add = Operation(diff, "add", parent);
                add.Part.Add(new Parameters.ParameterComponent { Name = "name", Value = new FhirString(name) });
                add.Part.Add(Value("value", newerItems[i]));
            }
        }
        for (var i = olderItems.Count - 1; i >= common; i--) Operation(diff, "delete", PathOf(i));
    }

    private static void Replace(Parameters diff, string path, Base older, Base newer)
    {
        var replace = Operation(diff, "replace", path);
        replace.Part.Add(Value("previousValue", older));
        replace.Part.Add(Value("value", newer));
    }

    private static Parameters.ParameterComponent Operation(Parameters diff, string type, string path)
    {
        var operation = new Parameters.ParameterComponent { Name = "operation" };
        operation.Part.Add(new Parameters.ParameterComponent { Name = "type", Value = new Code(type) });
        operation.Part.Add(new Parameters.ParameterComponent { Name = "path", Value = new FhirString(path) });
        diff.Parameter.Add(operation);
        return operation;
    }

    /// <summary>
    /// A value as a part: a datatype as value[x], a resource as resource, and an element
    /// that is neither (a backbone element, an extension) as one part per child, as FHIR Patch writes it.
    /// </summary>
    private static Parameters.ParameterComponent Value(string name, Base value)
    {
        var part = new Parameters.ParameterComponent { Name = name };
        switch (value)
        {
            // R4's open types (Parameters.value[x]) leave out Extension and Narrative: their children go as parts.
            case DataType datatype when datatype is not (Extension or Narrative):
                part.Value = (DataType)datatype.DeepCopy();
                break;
            case Resource resource:
                part.Resource = (Resource)resource.DeepCopy();
                break;
            default:
                foreach (var (child, items) in Children(value))
                    part.Part.AddRange(items.Items.Select(item => Value(child, item)));
                break;
        }
        return part;
    }

    /// <summary>An element's children by name, each a single element or the items of an array.</summary>
    private sealed record Child(bool Repeating, IReadOnlyList<Base> Items);

    private static Dictionary<string, Child> Children(Base element)
    {
        var children = new Dictionary<string, Child>();
        foreach (var (name, value) in element.EnumerateElements())
        {
            switch (value)
            {
                case Base single:
                    children[name] = new Child(false, [single]);
                    break;
                case IEnumerable<Base> items:
                    children[name] = new Child(true, items.ToList());
                    break;
                // A primitive's own value is compared as the primitive; other plain values
                // (an element's id, an extension's url) as strings.
                case not null when !(element is PrimitiveType && name == "value"):
                    children[name] = new Child(false, [new FhirString(value.ToString())]);
                    break;
            }
        }
        return children;
    }
}
