using System.Text.Json;
using System.Text.Json.Nodes;
using RorNational.Fhir.Access;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Search.Indexing.Prices;

/// <summary>
/// One price of an Organization (one ror-organization-price extension) as the price index holds
/// it: every search value of the price in one row, so that the price criteria of a search
/// (type, unit, amount, validity, residential type, dependency level, welcome type, special
/// price) hold on one price, and so that a search sorts on the validity of the prices it sees.
/// <see cref="Requires"/> is the classes of that extension in the Organization (<see cref="ElementClassification"/>).
/// </summary>
public sealed record PriceRow(
    string OrganizationId, string? Type, string? Unit, decimal? Amount, DateTime? StartLow, DateTime? StartHigh,
    string? ResidentialType, string? DependencyLevel, string? WelcomeType, string? SpecialPrice, DataClass Requires)
{
    /// <summary>The rows of the prices a stored Organization carries, read from its JSON.</summary>
    public static List<PriceRow> Of(string organizationId, JsonObject organization)
    {
        var rows = new List<PriceRow>();
        if (organization["extension"] is not JsonArray extensions) return rows;
        var setting = ElementClassification.TopLevelOf(organization)("extension");
        foreach (var extension in extensions.OfType<JsonObject>().Where(e => Text(e["url"]) == RorCanonical.Extensions.OrganizationPrice))
        {
            var parts = (extension["extension"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(p => Text(p["url"]) is not null)
                .GroupBy(p => Text(p["url"])!).ToDictionary(g => g.Key, g => g.First());
            string? Code(string url) => Text(parts.GetValueOrDefault(url)?["valueCodeableConcept"]?["coding"]?[0]?["code"]);
            var amount = parts.GetValueOrDefault("amount")?["valueMoney"]?["value"];
            FhirDateRange? start = FhirDateRange.TryParse(Text(parts.GetValueOrDefault("startDate")?["valueDateTime"]), out var range)
                ? range.ToMicroseconds() : null;
            rows.Add(new PriceRow(organizationId, Code("priceType"), Code("priceUnit"),
                amount?.GetValueKind() == JsonValueKind.Number ? amount.GetValue<decimal>() : null,
                start?.Low, start?.High, Code("residentialType"), Code("dependencyLevel"), Code("welcomeType"), Code("specialPrice"),
                setting | ElementClassification.OfElement("extension", extension)));
        }
        return rows;
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
