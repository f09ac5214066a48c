using System.Text.Json;
using RorNational.Domain.Capacity;
using RorNational.Offer.Capacity.Indicators;

namespace RorNational.Offer.Capacity.Protocol;

/// <summary>
/// Reads a supplier's Parameters body into the capacity operations it asks for, checked
/// against the catalogue of valid indicators. Two shapes are read: the national one (type as
/// valueString, path the capacity collection for an add, value a nameless part holding the
/// extension) and standard FHIRPath Patch (type as valueCode; an add on path "Location" with
/// name "extension"; value as valueExtension). Throws <see cref="CapacityChangeRefused"/>:
/// nothing of a body is applied unless all of it reads.
/// </summary>
public sealed class CapacityPatchReader(IndicatorCatalogue catalogue)
{
    /// <summary>Operations in one body; the national protocol sends one.</summary>
    public const int MaxOperations = 100;

    private static readonly HashSet<string> PartNames = ["type", "path", "name", "value"];

    public IReadOnlyList<CapacityOperation> Read(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Parameters")
            throw Invalid("the body of a capacity PATCH is a Parameters resource (FHIRPath Patch)", "Parameters");
        foreach (var property in parameters.EnumerateObject())
            if (property.Name is not ("resourceType" or "id" or "meta" or "parameter"))
                throw Invalid($"'{property.Name}' is not an element of Parameters", "Parameters");
        if (!parameters.TryGetProperty("parameter", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw Invalid("Parameters holds no operation", "Parameters.parameter");
        if (list.GetArrayLength() > MaxOperations)
            throw Invalid($"at most {MaxOperations} operations per Parameters; send a Bundle for more", "Parameters.parameter");
        return list.EnumerateArray().Select((operation, i) => ReadOperation(operation, i)).ToList();
    }

    private CapacityOperation ReadOperation(JsonElement operation, int index)
    {
        var at = CapacityExpressions.Part(index);
        if (operation.ValueKind != JsonValueKind.Object || !operation.TryGetProperty("name", out var name)
            || name.ValueKind != JsonValueKind.String || name.GetString() != "operation")
            throw Invalid("each parameter is an 'operation'", at);
        foreach (var property in operation.EnumerateObject())
            if (property.Name is not ("name" or "part"))
                throw Invalid($"an operation holds only name and part, not '{property.Name}'", at);
        if (!operation.TryGetProperty("part", out var parts) || parts.ValueKind != JsonValueKind.Array)
            throw Invalid("an operation needs its parts: type, path and (for add and replace) value", at);

        var byName = new Dictionary<string, (JsonElement Part, int Index)>(StringComparer.Ordinal);
        var i = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partName = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
            if (partName is null || !PartNames.Contains(partName))
                throw Invalid($"'{partName ?? "(no name)"}' is not a part of a capacity operation (type, path, name, value)", CapacityExpressions.Part(index, i));
            if (!byName.TryAdd(partName, (part, i)))
                throw Invalid($"the part '{partName}' is given twice", CapacityExpressions.Part(index, i));
            i++;
        }

        var kind = Kind(byName, index);
        var path = Text(byName, "path", index) ?? throw Invalid("an operation needs a path", at);
        var pathAt = CapacityExpressions.Part(index, byName["path"].Index);
        var element = Text(byName, "name", index);
        var hasValue = byName.ContainsKey("value");
        switch (kind)
        {
            case CapacityOperationKind.Add:
                var collection = SelectorPath.IsCollection(path) && element is null
                                 || path.Trim() == CapacityExpressions.Location && element == "extension";
                if (!collection)
                    throw Invalid($"an add targets the capacity collection: path {CapacityExpressions.Collection} (or path Location with name extension)", pathAt);
                var added = Value(byName, index) ?? throw Invalid("an add needs a value: the capacity record", at);
                catalogue.CheckIndicator(added);
                return CapacityOperation.Add(added);
            case CapacityOperationKind.Replace:
                var replaced = SelectorPath.Parse(path, pathAt);
                catalogue.CheckSelector(replaced);
                var value = Value(byName, index) ?? throw Invalid("a replace needs a value: the whole new capacity record", at);
                catalogue.CheckIndicator(value);
                if (value.Key != replaced)
                    throw CapacityChangeRefused.Because(CapacityRefusalKind.BusinessRule,
                        $"the new record's key ({value.Key}) is not the one the path selects ({replaced}): delete that indicator and add the other",
                        CapacityExpressions.Extension);
                return CapacityOperation.Replace(replaced, value);
            default:
                if (hasValue) throw Invalid("a delete takes no value", at);
                var deleted = SelectorPath.Parse(path, pathAt);
                catalogue.CheckSelector(deleted);
                return CapacityOperation.Delete(deleted);
        }
    }

    private static CapacityOperationKind Kind(Dictionary<string, (JsonElement Part, int Index)> parts, int index) =>
        Text(parts, "type", index) switch
        {
            "add" => CapacityOperationKind.Add,
            "replace" => CapacityOperationKind.Replace,
            "delete" => CapacityOperationKind.Delete,
            null => throw Invalid("an operation needs its type: add, replace or delete", CapacityExpressions.Part(index)),
            var other => throw Invalid($"'{other}' is not a capacity operation: add, replace or delete",
                CapacityExpressions.Part(index, parts["type"].Index)),
        };

    /// <summary>The text of a part given as valueString or valueCode; null when the part is absent.</summary>
    private static string? Text(Dictionary<string, (JsonElement Part, int Index)> parts, string name, int index)
    {
        if (!parts.TryGetValue(name, out var found)) return null;
        foreach (var property in found.Part.EnumerateObject())
            if (property.Name is "valueString" or "valueCode" && property.Value.ValueKind == JsonValueKind.String && found.Part.EnumerateObject().Count() == 2)
                return property.Value.GetString();
        throw Invalid($"the part '{name}' needs a valueString (or valueCode) and nothing else", CapacityExpressions.Part(index, found.Index));
    }

    /// <summary>The record of a value part: valueExtension, or the national nameless part holding one extension.</summary>
    private static CapacityIndicator? Value(Dictionary<string, (JsonElement Part, int Index)> parts, int index)
    {
        if (!parts.TryGetValue("value", out var found)) return null;
        var at = CapacityExpressions.Part(index, found.Index);
        var value = found.Part;
        if (value.TryGetProperty("valueExtension", out var extension) && value.EnumerateObject().Count() == 2)
            return CapacityRecordReader.Read(extension);
        if (value.TryGetProperty("part", out var inner) && value.EnumerateObject().Count() == 2
            && inner.ValueKind == JsonValueKind.Array && inner.GetArrayLength() == 1
            && inner[0].ValueKind == JsonValueKind.Object && inner[0].TryGetProperty("extension", out var extensions)
            && inner[0].EnumerateObject().Count() == 1 && extensions.ValueKind == JsonValueKind.Array)
        {
            if (extensions.GetArrayLength() != 1)
                throw Invalid("one capacity record per operation: replacing every record at once is deprecated by the national protocol", at);
            return CapacityRecordReader.Read(extensions[0]);
        }
        throw Invalid("the value is a valueExtension, or a part holding the capacity extension (the national shape)", at);
    }

    private static CapacityChangeRefused Invalid(string diagnostics, string expression) =>
        CapacityChangeRefused.Because(CapacityRefusalKind.Invalid, diagnostics, expression);
}
