using System.Text.Json.Nodes;
using CsCheck;
using RorNational.HostileInput.Tests.Requests;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.HostileInput.Tests.Generators;

/// <summary>
/// <c>POST /fhir</c>: transaction and batch Bundles of capacity PATCHes. A transaction with one
/// broken entry is refused whole, its valid add included (nothing half-written); a batch whose
/// every entry is broken answers each with a 4xx and its OperationOutcome. The faults: JSON
/// faults anywhere, a Bundle of another type or shape, entries that are no PATCH of a Location,
/// bad urls, ifMatch and identifiers, broken Parameters, absurd numbers of entries.
/// </summary>
public static class CapacityBundles
{
    public const string Route = "POST /fhir";

    public static RouteGenerator Generator() => new(Route,
        t => Gen.Const(Request("plausible", Transaction(Entry(Url(t), CapacityPatches.PlausibleAdd())))),
        t => Gen.Frequency<HostileRequest>(
            // A valid add followed by a replace of an indicator the lieu lacks: whatever else is wrong, nothing is applied.
            (2, JsonFaults.Of(Transaction(Entry(Url(t), CapacityPatches.PlausibleAdd()), Entry(Url(t), Replace(Selector(), Record(5, "2026-03-02T07:05:00Z")))))
                .Select(fault => Request(fault.Category, fault.Body))),
            (2, BundleFaults(t).Select(fault => Request(fault.Category, JsonFaults.Json(fault.Bundle)))),
            (2, Gen.Select(EntryFaults(t), Gen.Bool, (fault, transaction) => transaction
                ? Request(fault.Category, Transaction(Entry(Url(t), CapacityPatches.PlausibleAdd()), fault.Entry))
                : Request(fault.Category, Batch(fault.Entry, fault.Entry.DeepClone().AsObject())) with { AnsweredPerEntry = true })),
            // A broken Parameters as the second entry of a transaction, written into the bundle as it is (it may not even be JSON).
            (1, CapacityParameterFaults.Of(CapacityPatches.PlausibleAdd())
                .Select(fault => Request(fault.Category, WithResource(Transaction(Entry(Url(t), CapacityPatches.PlausibleAdd()), Entry(Url(t), null)), fault.Body))))),
        HasBody: true);

    private static string Url(Targets t) => $"Location?identifier={t.SupplyIdentifier}";

    private static HostileRequest Request(string category, JsonObject bundle) => Request(category, JsonFaults.Json(bundle));

    private static HostileRequest Request(string category, HostileBody body) =>
        new(category, Route, HttpMethod.Post, "/fhir") { Body = CapacityPatches.Fhir(body) };

    private const string Mark = "@@RESOURCE@@";

    /// <summary>A PATCH entry; without parameters, a mark <see cref="WithResource"/> replaces.</summary>
    private static JsonObject Entry(string url, JsonObject? parameters) => new()
    {
        ["resource"] = parameters ?? (JsonNode)Mark,
        ["request"] = new JsonObject { ["method"] = "PATCH", ["url"] = url },
    };

    private static HostileBody WithResource(JsonObject bundle, HostileBody resource)
    {
        var text = bundle.ToJsonString();
        var at = text.IndexOf($"\"{Mark}\"", StringComparison.Ordinal);
        return new HostileBody([.. System.Text.Encoding.UTF8.GetBytes(text[..at]), .. resource.Bytes,
            .. System.Text.Encoding.UTF8.GetBytes(text[(at + Mark.Length + 2)..])], CapacityPatches.FhirJson);
    }

    private static JsonObject Transaction(params JsonObject[] entries) => Bundle("transaction", entries);
    private static JsonObject Batch(params JsonObject[] entries) => Bundle("batch", entries);

    /// <summary>A Bundle of these entries, each given a fullUrl by its position (so that a seed replays the same bytes).</summary>
    private static JsonObject Bundle(string type, JsonObject[] entries)
    {
        foreach (var (entry, i) in entries.Select((e, i) => (e, i))) entry["fullUrl"] ??= $"urn:uuid:00000000-0000-0000-0000-{i:000000000000}";
        return new() { ["resourceType"] = "Bundle", ["type"] = type, ["entry"] = new JsonArray([.. entries]) };
    }

    /// <summary>A plausible transaction with its Bundle wrong: type, identifier, entry list, number of entries.</summary>
    private static Gen<(string Category, JsonObject Bundle)> BundleFaults(Targets t)
    {
        var plausible = Transaction(Entry(Url(t), CapacityPatches.PlausibleAdd()));
        JsonObject With(string member, JsonNode? value) => JsonFaults.Mutated(plausible, "", node => { node.AsObject()[member] = value?.DeepClone(); return node; });
        return Gen.OneOf<(string, JsonObject)>(
            Gen.OneOf("collection", "document", "transaction-response", "batch-response", "searchset", "history", "message", "Transaction", "", "transaction\u0000")
                .Select(type => (Category.WrongTypes, With("type", type))),
            Gen.OneOf<JsonNode?>(null, 5, new JsonArray("transaction"), new JsonObject { ["code"] = "transaction" }).Select(type => (Category.WrongTypes, With("type", type))),
            Gen.OneOf<JsonNode?>(null, "urn:x", new JsonObject(), new JsonObject { ["value"] = "" }, new JsonObject { ["value"] = Malformed.Long(201) },
                    new JsonObject { ["value"] = 5 }, new JsonObject { ["system"] = "urn:x" }, new JsonArray(new JsonObject { ["value"] = "a" }))
                .Select(identifier => (Category.OutOfRange, With("identifier", identifier))),
            Gen.OneOf<JsonNode?>(null, new JsonObject(), JsonValue.Create("entries"), new JsonArray(JsonValue.Create((string?)null)), new JsonArray(5),
                    new JsonArray(new JsonArray()), new JsonArray(new JsonObject()))
                .Select(entries => (Category.NullItems, With("entry", entries))),
            // More entries than a bundle may hold, or one add repeated: refused whole either way.
            Gen.OneOf(2, 10_001).Select(count => (Category.OutOfRange,
                Transaction([.. Enumerable.Range(0, count).Select(_ => Entry(Url(t), count > 2 ? Delete(Selector()) : CapacityPatches.PlausibleAdd()))]))));
    }

    /// <summary>An entry that cannot be applied: not a PATCH, not of a Location by identifier or id, a bad ifMatch, no or another resource.</summary>
    private static Gen<(string Category, JsonObject Entry)> EntryFaults(Targets t)
    {
        var finess = t.SupplyIdentifier[1..t.SupplyIdentifier.IndexOf('/')];
        JsonObject WithRequest(string member, JsonNode? value) =>
            JsonFaults.Mutated(Entry(Url(t), CapacityPatches.PlausibleAdd()), "request", node => { node.AsObject()[member] = value?.DeepClone(); return node; });
        return Gen.OneOf<(string, JsonObject)>(
            Gen.OneOf<JsonNode?>("GET", "POST", "PUT", "DELETE", "patch", "", null, 5).Select(method => (Category.WrongTypes, WithRequest("method", method))),
            Gen.OneOf("", "Location", "Location/", "Location?", "Location?identifier=", $"Location?identifier=1{finess}/NO-SUCH-LIEU",
                    $"Location?identifier=1{finess}", "Location/does-not-exist", "Organization/x", "Location/../Organization/x",
                    $"Location?name=x&identifier={t.SupplyIdentifier}", $"Location?identifier={t.SupplyIdentifier}&identifier={t.SupplyIdentifier}",
                    $"http://attacker.example/fhir/Location?identifier={t.SupplyIdentifier}", $"Location/{t.SupplyLocation}/_history/1",
                    $"Location/{Malformed.Long(65)}", "Location/a%00b", "Location/a\u0000b", $"Location?identifier={t.SupplyIdentifier}\u0000",
                    "Location?identifier=1%FF%FE/x", $"Location?identifier=1999999999/{t.SupplyIdentifier[(t.SupplyIdentifier.IndexOf('/') + 1)..]}")
                .Select(url => (url.Contains('\u0000') || url.Contains("%00") ? Category.Nul : Category.UnknownIds, WithRequest("url", url))),
            Gen.OneOf<JsonNode?>("garbage", "W/\"-1\"", "W/\"0\"", "W/\"99999999999999999999\"", 3, "*").Select(ifMatch => (Category.WrongTypes, WithRequest("ifMatch", ifMatch))),
            Gen.OneOf<JsonNode?>(null, new JsonObject(), new JsonObject { ["resourceType"] = "Location", ["id"] = t.SupplyLocation }, JsonValue.Create("Parameters"),
                    new JsonArray(), new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = new JsonArray() })
                .Select(resource => (Category.NullItems, JsonFaults.Mutated(Entry(Url(t), CapacityPatches.PlausibleAdd()), "", node => { node.AsObject()["resource"] = resource?.DeepClone(); return node; }))),
            Gen.OneOf<JsonNode?>(null, "text", new JsonArray()).Select(request => (Category.NullItems,
                JsonFaults.Mutated(Entry(Url(t), CapacityPatches.PlausibleAdd()), "", node => { node.AsObject()["request"] = request?.DeepClone(); return node; }))));
    }
}
