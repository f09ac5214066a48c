using System.Globalization;
using System.Text;

namespace CapacityIngest;

/// <summary>
/// The five indicators each benchmark lieu holds (beds: installed, available now for women and
/// for men, closed réactivable, available in 24 h), and the ROR-shaped PATCH bodies that add or
/// replace them, as a bed-management software sends them.
/// </summary>
public static class Indicators
{
    private const string CapacityUrl = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location-supported-capacity";
    private const string CapacityPath = $"Location.extension.where(url='{CapacityUrl}')";

    /// <summary>The key members each indicator has, beside temporaryAssignement 01: (sub-extension url, NOS table, code).</summary>
    private static readonly (string Url, string Table, string Code)[][] Keys =
    [
        [("capacityStatus", "TRE_R330-TypeStatutCapacite", "01"), ("temporalityCapacity", "TRE_R331-TemporaliteCapacite", "01")],
        [("capacityStatus", "TRE_R330-TypeStatutCapacite", "02"), ("temporalityCapacity", "TRE_R331-TemporaliteCapacite", "01"), ("genderCapacityAvailable", "TRE_R332-GenreCapacite", "01")],
        [("capacityStatus", "TRE_R330-TypeStatutCapacite", "02"), ("temporalityCapacity", "TRE_R331-TemporaliteCapacite", "01"), ("genderCapacityAvailable", "TRE_R332-GenreCapacite", "02")],
        [("capacityStatus", "TRE_R330-TypeStatutCapacite", "05"), ("temporalityCapacity", "TRE_R331-TemporaliteCapacite", "01"), ("capacityClosingType", "TRE_R333-TypeFermetureCapacite", "01")],
        [("capacityStatus", "TRE_R330-TypeStatutCapacite", "02"), ("temporalityCapacity", "TRE_R331-TemporaliteCapacite", "03")],
    ];

    public static int PerLieu => Keys.Length;

    /// <summary>A transaction Bundle of PATCH entries, one per (zone, indicator, count), dated <paramref name="at"/>.</summary>
    public static string Transaction(IEnumerable<(string Zone, int Indicator, int Count)> changes, bool add, DateTimeOffset at)
    {
        var date = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var json = new StringBuilder(64 * 1024);
        json.Append("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"identifier\":{\"system\":\"urn:ietf:rfc:3986\",\"value\":\"urn:uuid:")
            .Append(Guid.NewGuid()).Append("\"},\"entry\":[");
        var first = true;
        foreach (var (zone, indicator, count) in changes)
        {
            if (!first) json.Append(',');
            first = false;
            json.Append("{\"request\":{\"method\":\"PATCH\",\"url\":\"Location?identifier=").Append(zone).Append("\"},\"resource\":");
            Parameters(json, indicator, count, add, date);
            json.Append('}');
        }
        return json.Append("]}").ToString();
    }

    private static void Parameters(StringBuilder json, int indicator, int count, bool add, string date)
    {
        json.Append("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":[{\"name\":\"type\",\"valueString\":\"")
            .Append(add ? "add" : "replace").Append("\"},{\"name\":\"path\",\"valueString\":\"").Append(CapacityPath);
        if (!add)
        {
            json.Append(".where(");
            foreach (var (url, _, code) in Keys[indicator])
                json.Append("extension.where(url = '").Append(url).Append("' and valueCodeableConcept.coding.code = '").Append(code).Append("') and ");
            json.Append("extension.where(url = 'temporaryAssignement' and valueCodeableConcept.coding.code = '01'))");
        }
        json.Append("\"},{\"name\":\"value\",\"part\":[{\"extension\":[{\"url\":\"").Append(CapacityUrl).Append("\",\"extension\":[");
        Coded(json, "capacityType", "TRE_R329-NatureCapacite", "01");
        foreach (var (url, table, code) in Keys[indicator]) Coded(json.Append(','), url, table, code);
        Coded(json.Append(','), "temporaryAssignement", "TRE_R337-AffectationTemporaire", "01");
        Coded(json.Append(','), "capacitySourceType", "TRE_R335-TypeSourceCapacite", "02");
        json.Append(",{\"url\":\"nbCapacity\",\"valueInteger\":").Append(count.ToString(CultureInfo.InvariantCulture))
            .Append("},{\"url\":\"capacityUpdateDate\",\"valueDateTime\":\"").Append(date).Append("\"}]}]}]}]}]}");
    }

    private static void Coded(StringBuilder json, string url, string table, string code) =>
        json.Append("{\"url\":\"").Append(url).Append("\",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"https://mos.esante.gouv.fr/NOS/")
            .Append(table).Append("/FHIR/").Append(table.Replace('_', '-')).Append("\",\"code\":\"").Append(code).Append("\"}]}}");
}
