using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Capacity.Protocol;

/// <summary>Capacity patch bodies as suppliers send them, in the national shape and in standard FHIRPath Patch.</summary>
public static class CapacityBodies
{
    public const string Url = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location-supported-capacity";
    public const string Collection = $"Location.extension.where(url='{Url}')";

    private static string Nos(string table, string name) => $"https://mos.esante.gouv.fr/NOS/{table}-{name}/FHIR/{table.Replace('_', '-')}-{name}";

    public static readonly Dictionary<string, string> Systems = new()
    {
        ["capacityType"] = Nos("TRE_R329", "NatureCapacite"),
        ["capacityStatus"] = Nos("TRE_R330", "TypeStatutCapacite"),
        ["temporalityCapacity"] = Nos("TRE_R331", "TemporaliteCapacite"),
        ["genderCapacityAvailable"] = Nos("TRE_R332", "GenreCapacite"),
        ["capacityClosingType"] = Nos("TRE_R333", "TypeFermetureCapacite"),
        ["additionalBedType"] = Nos("TRE_R334", "TypeLitSupplementaire"),
        ["capacitySourceType"] = Nos("TRE_R335", "TypeSourceCapacite"),
        ["crisisType"] = Nos("TRE_R336", "TypeCrise"),
        ["temporaryAssignement"] = Nos("TRE_R337", "AffectationTemporaire"),
    };

    /// <summary>A capacity record: the key members given (others absent), beds unless said, source bed management.</summary>
    public static JsonObject Record(int count, string date, string status = "02", string temporality = "01", string? gender = null,
        string? closing = null, string? bedType = null, string? crisis = null, string assignment = "01", string nature = "01")
    {
        var parts = new JsonArray
        {
            new JsonObject { ["url"] = "nbCapacity", ["valueInteger"] = count },
            new JsonObject { ["url"] = "capacityUpdateDate", ["valueDateTime"] = date },
        };
        void Coded(string url, string? code)
        {
            if (code is null) return;
            parts.Add(new JsonObject
            {
                ["url"] = url,
                ["valueCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Systems[url], ["code"] = code }) },
            });
        }
        Coded("capacityStatus", status);
        Coded("capacityType", nature);
        Coded("temporalityCapacity", temporality);
        Coded("capacitySourceType", "02");
        Coded("genderCapacityAvailable", gender);
        Coded("capacityClosingType", closing);
        Coded("additionalBedType", bedType);
        Coded("crisisType", crisis);
        Coded("temporaryAssignement", assignment);
        return new JsonObject { ["url"] = Url, ["extension"] = parts };
    }

    /// <summary>The path of a replace or delete selecting this key (one clause per present member).</summary>
    public static string Selector(string status = "02", string temporality = "01", string? gender = null, string? closing = null,
        string? bedType = null, string? crisis = null, string assignment = "01")
    {
        var clauses = new (string Url, string? Code)[]
            {
                ("capacityStatus", status), ("temporalityCapacity", temporality), ("genderCapacityAvailable", gender),
                ("capacityClosingType", closing), ("additionalBedType", bedType), ("crisisType", crisis), ("temporaryAssignement", assignment),
            }
            .Where(c => c.Code is not null)
            .Select(c => $"extension.where(url = '{c.Url}' and valueCodeableConcept.coding.code = '{c.Code}')");
        return $"{Collection}.where({string.Join(" and ", clauses)})";
    }

    /// <summary>The national shape: type as valueString, value a nameless part holding the record.</summary>
    public static JsonObject National(string type, string path, JsonObject? record = null)
    {
        var parts = new JsonArray
        {
            new JsonObject { ["name"] = "type", ["valueString"] = type },
            new JsonObject { ["name"] = "path", ["valueString"] = path },
        };
        if (record is not null)
            parts.Add(new JsonObject { ["name"] = "value", ["part"] = new JsonArray(new JsonObject { ["extension"] = new JsonArray(record) }) });
        return Parameters(parts);
    }

    public static JsonObject Add(JsonObject record) => National("add", Collection, record);
    public static JsonObject Replace(string selector, JsonObject record) => National("replace", selector, record);
    public static JsonObject Delete(string selector) => National("delete", selector);

    /// <summary>Standard FHIRPath Patch: type as valueCode, an add on Location with name extension, valueExtension.</summary>
    public static JsonObject Standard(string type, string path, JsonObject? record = null, string? name = null)
    {
        var parts = new JsonArray
        {
            new JsonObject { ["name"] = "type", ["valueCode"] = type },
            new JsonObject { ["name"] = "path", ["valueString"] = path },
        };
        if (name is not null) parts.Add(new JsonObject { ["name"] = "name", ["valueString"] = name });
        if (record is not null) parts.Add(new JsonObject { ["name"] = "value", ["valueExtension"] = record });
        return Parameters(parts);
    }

    private static JsonObject Parameters(JsonArray parts) => new()
    {
        ["resourceType"] = "Parameters",
        ["parameter"] = new JsonArray(new JsonObject { ["name"] = "operation", ["part"] = parts }),
    };
}
