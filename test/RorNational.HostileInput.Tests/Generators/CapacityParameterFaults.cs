using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// Faults of the capacity Parameters itself, on a plausible add: a Parameters of another shape,
/// an operation of an unknown type or path, a value that is no capacity record, a record with a
/// count or a date no supplier could mean, codes outside their tables, control characters,
/// absurd numbers of operations or sub-extensions, deep nesting.
/// </summary>
public static class CapacityParameterFaults
{
    private const string Operation = "parameter.0";
    private const string Record = "parameter.0.part.2.part.0.extension.0";
    private const string Parts = Record + ".extension";

    // The sub-extensions of CapacityBodies.Record(count, date) without gender: their positions.
    private const int Count = 0, Date = 1, Status = 2, Nature = 3, Temporality = 4;

    public static Gen<(string Category, HostileBody Body)> Of(JsonObject add) => Gen.OneOf<(string, HostileBody)>(
        Gen.OneOf("{\"resourceType\":\"Parameters\"}", "{\"resourceType\":\"Parameters\",\"parameter\":[]}",
                "{\"resourceType\":\"Parameters\",\"parameter\":null}", "{\"resourceType\":\"Parameters\",\"parameter\":[null]}",
                "{\"resourceType\":\"Parameters\",\"parameter\":{}}", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\"}]}",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":[]}]}",
                "{\"resourceType\":\"Location\",\"extension\":[]}", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}", "[{\"op\":\"add\",\"path\":\"/extension\"}]")
            .Select(text => (Category.NullItems, HostileBody.Json(text))),
        Set(add, Category.WrongTypes, "resourceType", "\"Patient\"", "\"parameters\"", "\"\"", "null"),
        Set(add, Category.WrongTypes, Operation + ".name", "\"op\"", "\"\"", "null", "\"Operation\""),
        Set(add, Category.WrongTypes, Operation + ".part.0.valueString", "\"move\"", "\"insert\"", "\"ADD\"", "\"remove\"", "\"\"", "\"add\\u0000\"", "\"add \""),
        Set(add, Category.WrongTypes, Operation + ".part.1.valueString", "\"Location.name\"", "\"Location\"", "\"\"", "\"Location.extension\"",
            "\"Location.extension.where(url='https://example.org/other')\"", $"\"{Collection}\\u0000\"", $"\"{Collection}.where(\"",
            $"\"{Collection}.where(extension.where(url = 'capacityStatus' and valueCodeableConcept.coding.code = '02') or true)\"",
            $"\"{Collection}{Malformed.Repeat(".where(true)", 5000)}\"", $"\"{Malformed.Repeat("(", 5000)}\"", $"\"{Malformed.Long(100_000)}\""),
        Set(add, Category.NullItems, Operation + ".part.2", "null", "{}", "{\"name\":\"value\"}", "{\"name\":\"value\",\"part\":[]}",
            "{\"name\":\"value\",\"part\":[{}]}", "{\"name\":\"value\",\"part\":[{\"extension\":[]}]}", "{\"name\":\"value\",\"part\":[{\"extension\":null}]}",
            "{\"name\":\"value\",\"part\":[{\"extension\":[null]}]}", "{\"name\":\"value\",\"valueString\":\"3\"}", "{\"name\":\"value\",\"valueInteger\":3}"),
        Set(add, Category.DecimalOverflow, Part(Count, "valueInteger"), "2147483648", "-2147483649", "1e999", "99999999999999999999999999999", "1.5", "1e2", "NaN"),
        Set(add, Category.OutOfRange, Part(Count, "valueInteger"), "-1", "-2147483648", "2147483647", "\"3\"", "null", "true"),
        Set(add, Category.Year9999, Part(Date, "valueDateTime"), "\"9999-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"9999\""),
        Set(add, Category.ImpossibleDates, Part(Date, "valueDateTime"), "\"10000-01-01T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"",
            "\"2026-02-30T00:00:00Z\"", "\"2026-03-02T25:00:00Z\"", "\"2026-03-02T07:00:00\"", "\"yesterday\"", "\"\"", "5", "null", "\"2026-03-02T07:00:00Z\\u0000\""),
        Set(add, Category.WrongTypes, Part(Status, "valueCodeableConcept.coding.0.code"), "\"99\"", "\"\"", "\"02\\u0000\"", "\"0\\u00012\"", "\"02 \"",
            $"\"{Malformed.Long(10_000)}\"", "2", "null"),
        Set(add, Category.WrongTypes, Part(Nature, "valueCodeableConcept.coding.0.code"), "\"99\"", "\"\"", "\"1\""),
        Set(add, Category.WrongTypes, Part(Temporality, "valueCodeableConcept.coding"), "[]", "null", "[null]", "{}",
            "[{\"code\":\"01\"},{\"code\":\"02\"}]", "[{\"system\":\"urn:bogus\",\"code\":\"01\"}]"),
        Set(add, Category.WrongTypes, Part(Status, "valueCodeableConcept"), "null", "{}", "\"02\"", "{\"text\":\"Disponible\"}"),
        Set(add, Category.UnknownMembers, Part(Status, "url"), "\"capacityStatus \"", "\"CapacityStatus\"", "\"bogus\"", "\"nbCapacity\"", "\"\""),
        Set(add, Category.UnknownMembers, Record + ".url", "\"https://example.org/other\"", "\"\"", "null", $"\"{Url}\\u0000\""),
        Set(add, Category.NullItems, Parts, "[]", "null", "[null]", "{}"),
        // Inside the url the path names (whitespace between FHIRPath tokens is no fault).
        Gen.OneOf("\\u0001", "\\u001f", "\\u007f", "\\u202e", "\\r\\n", "\\ufeff", "\\uffff")
            .Select(control => (Category.JsonEncoding, JsonFaults.Marked(add, Operation + ".part.1.valueString",
                $"\"{Collection.Replace("capacity')", $"capacity{control}')", StringComparison.Ordinal)}\""))),
        // A record with one sub-extension twice, or thousands of them.
        Gen.Int[1, 3].Select(copies => (Category.DuplicateKeys, JsonFaults.Json(JsonFaults.Mutated(add, Parts, parts =>
        {
            foreach (var _ in Enumerable.Range(0, copies)) parts.AsArray().Add(parts[Count]!.DeepClone());
            return parts;
        })))),
        Gen.OneOf(5_000, 40_000).Select(copies => (Category.OutOfRange, JsonFaults.Json(JsonFaults.Mutated(add, Parts, parts =>
        {
            foreach (var _ in Enumerable.Range(0, copies)) parts.AsArray().Add(new JsonObject { ["url"] = "nbCapacity", ["valueInteger"] = 1 });
            return parts;
        })))),
        // The same add twice in one PATCH (the second is refused, so neither may be applied), or hundreds of operations.
        Gen.OneOf(2, 600, 5_000).Select(operations => (Category.OutOfRange, JsonFaults.Json(JsonFaults.Mutated(add, "parameter", list =>
        {
            foreach (var _ in Enumerable.Range(1, operations - 1)) list.AsArray().Add(list[0]!.DeepClone());
            return list;
        })))),
        // Nested deeper than any capacity record is.
        Gen.OneOf(40, 2_000, 100_000).Select(depth => (Category.MalformedJson,
            JsonFaults.Marked(add, Part(Count, "valueInteger"), Malformed.Repeat("[", depth) + Malformed.Repeat("]", depth)))));

    private static string Part(int position, string member) => $"{Parts}.{position}.{member}";

    private static Gen<(string, HostileBody)> Set(JsonObject body, string category, string path, params string[] literals) =>
        Gen.OneOf(literals).Select(literal => (category, JsonFaults.Marked(body, path, literal)));
}
