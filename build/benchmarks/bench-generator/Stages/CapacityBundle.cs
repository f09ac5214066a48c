using System.Globalization;
using System.Text;
using BenchGenerator.Catalogue;

namespace BenchGenerator.Stages;

/// <summary>
/// A transaction Bundle of the national supplier protocol's PATCHes (Location?identifier=
/// IdNatStruct/idExterneSynchro, a Parameters of one add or replace of a
/// ror-location-supported-capacity record), as a bed-management software sends them: capacity
/// type (TRE_R329) the lieu's nature, temporary assignment 01, source 02 (bed management).
/// </summary>
public static class CapacityBundle
{
    private const string CapacityUrl = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location-supported-capacity";
    private const string CapacityPath = $"Location.extension.where(url='{CapacityUrl}')";

    public sealed record Change(string Zone, string Nature, CapacityIndicator Indicator, int Count);

    public static string Transaction(IEnumerable<Change> changes, bool add, DateTimeOffset at)
    {
        var date = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var json = new StringBuilder(64 * 1024);
        json.Append("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"identifier\":{\"system\":\"urn:ietf:rfc:3986\",\"value\":\"urn:uuid:")
            .Append(Guid.NewGuid()).Append("\"},\"entry\":[");
        var first = true;
        foreach (var change in changes)
        {
            if (!first) json.Append(',');
            first = false;
            json.Append("{\"request\":{\"method\":\"PATCH\",\"url\":\"Location?identifier=").Append(change.Zone).Append("\"},\"resource\":");
            Parameters(json, change, add, date);
            json.Append('}');
        }
        return json.Append("]}").ToString();
    }

    private static void Parameters(StringBuilder json, Change change, bool add, string date)
    {
        json.Append("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":[{\"name\":\"type\",\"valueString\":\"")
            .Append(add ? "add" : "replace").Append("\"},{\"name\":\"path\",\"valueString\":\"").Append(CapacityPath);
        if (!add)
        {
            json.Append(".where(");
            foreach (var (url, _, code) in change.Indicator.Keys)
                json.Append("extension.where(url = '").Append(url).Append("' and valueCodeableConcept.coding.code = '").Append(code).Append("') and ");
            json.Append("extension.where(url = 'temporaryAssignement' and valueCodeableConcept.coding.code = '01'))");
        }
        json.Append("\"},{\"name\":\"value\",\"part\":[{\"extension\":[{\"url\":\"").Append(CapacityUrl).Append("\",\"extension\":[");
        Coded(json, "capacityType", "TRE_R329-NatureCapacite", change.Nature);
        foreach (var (url, table, code) in change.Indicator.Keys) Coded(json.Append(','), url, table, code);
        Coded(json.Append(','), "temporaryAssignement", "TRE_R337-AffectationTemporaire", "01");
        Coded(json.Append(','), "capacitySourceType", "TRE_R335-TypeSourceCapacite", "02");
        json.Append(",{\"url\":\"nbCapacity\",\"valueInteger\":").Append(change.Count.ToString(CultureInfo.InvariantCulture))
            .Append("},{\"url\":\"capacityUpdateDate\",\"valueDateTime\":\"").Append(date).Append("\"}]}]}]}]}]}");
    }

    private static void Coded(StringBuilder json, string url, string table, string code) =>
        json.Append("{\"url\":\"").Append(url).Append("\",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"https://mos.esante.gouv.fr/NOS/")
            .Append(table).Append("/FHIR/").Append(table.Replace('_', '-')).Append("\",\"code\":\"").Append(code).Append("\"}]}}");
}
