using System.Globalization;
using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Editing;

/// <summary>
/// Applies the description fields of an EG merge patch to its <see cref="EGDescription"/>: a
/// field absent stays as it is, null removes it (an empty list for a list), a value replaces it
/// (a list whole, as JSON merge patch replaces arrays). A value of the wrong JSON type is a
/// problem named by its path (<c>prices[1].amount</c>); the bounds are <see cref="EGDescriptionChecks"/>'.
/// </summary>
public static class EGDescriptionPatch
{
    /// <summary>The editable description fields, by JSON name.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "prices", "orsanLevel", "dropZone", "accessibility", "financialHelps", "familyAccommodation",
        "permanentSocialHelpPlaces", "temporarySocialHelpPlaces", "healthTerritories", "closingType", "closingDate", "comment",
    ];

    private static readonly IReadOnlyList<string> PriceFields =
        ["type", "unit", "amount", "validFrom", "residentialType", "dependencyLevel", "welcomeType", "specialPrice"];

    /// <summary>The description after the patch, or the problems of its values.</summary>
    public static (EGDescription Description, IReadOnlyList<Problem> Problems) Apply(
        EGDescription description, IEnumerable<KeyValuePair<string, JsonElement>> fields)
    {
        var reader = new Reader();
        foreach (var (field, value) in fields)
            description = field switch
            {
                "prices" => description with { Prices = reader.List(value, field, reader.Price) },
                "orsanLevel" => description with { OrsanLevel = reader.String(value, field) },
                "dropZone" => description with { DropZone = reader.Boolean(value, field) },
                "accessibility" => description with { Accessibility = reader.String(value, field) },
                "financialHelps" => description with { FinancialHelps = reader.List(value, field, reader.String) },
                "familyAccommodation" => description with { FamilyAccommodation = reader.Boolean(value, field) },
                "permanentSocialHelpPlaces" => description with { PermanentSocialHelpPlaces = reader.Integer(value, field) },
                "temporarySocialHelpPlaces" => description with { TemporarySocialHelpPlaces = reader.Integer(value, field) },
                "healthTerritories" => description with { HealthTerritories = reader.List(value, field, reader.String) },
                "closingType" => description with { ClosingType = reader.String(value, field) },
                "closingDate" => description with { ClosingDate = reader.Date(value, field) },
                "comment" => description with { Comment = reader.String(value, field) },
                _ => throw new ArgumentException($"{field} is not a description field", nameof(fields)),
            };
        return (description, reader.Problems);
    }

    private sealed class Reader
    {
        public List<Problem> Problems { get; } = [];

        private T? Wrong<T>(string field, string expectation)
        {
            Problems.Add(new Problem(expectation, field));
            return default;
        }

        public string? String(JsonElement value, string field) => value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => Wrong<string>(field, "must be a string, or null to remove it"),
        };

        public bool? Boolean(JsonElement value, string field) => value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Wrong<bool?>(field, "must be true or false, or null to remove it"),
        };

        public int? Integer(JsonElement value, string field) => value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            _ => Wrong<int?>(field, "must be a whole number, or null to remove it"),
        };

        public decimal? Decimal(JsonElement value, string field) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                ? number
                : Wrong<decimal?>(field, "must be a number (an amount in euros)");

        public DateOnly? Date(JsonElement value, string field) => value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
            _ => Wrong<DateOnly?>(field, "must be a date (yyyy-MM-dd), or null to remove it"),
        };

        /// <summary>A list (null = empty); each item read by <paramref name="item"/>, a null item refused.</summary>
        public IReadOnlyList<T> List<T>(JsonElement value, string field, Func<JsonElement, string, T?> item)
        {
            if (value.ValueKind == JsonValueKind.Null) return [];
            if (value.ValueKind != JsonValueKind.Array) return Wrong<IReadOnlyList<T>>(field, "must be a list, or null to empty it") ?? [];
            if (value.GetArrayLength() > FieldChecks.MaxItems) return Wrong<IReadOnlyList<T>>(field, $"must hold at most {FieldChecks.MaxItems} items") ?? [];
            var items = new List<T>();
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                var path = $"{field}[{index++}]";
                if (element.ValueKind == JsonValueKind.Null) Wrong<T>(path, "must not be null");
                else if (item(element, path) is { } read) items.Add(read);
            }
            return items;
        }

        public Price? Price(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Object) return Wrong<Price>(path, "must be an object (a price)");
            var problems = Problems.Count;
            foreach (var property in value.EnumerateObject().Where(p => !PriceFields.Contains(p.Name)))
                Wrong<Price>($"{path}.{property.Name}", $"is not a field of a price (fields: {string.Join(", ", PriceFields)})");
            JsonElement Member(string name) => value.TryGetProperty(name, out var member) ? member : default;
            string? Text(string name) => Member(name).ValueKind == JsonValueKind.Undefined ? null : String(Member(name), $"{path}.{name}");
            var type = Text("type");
            var unit = Text("unit");
            var amount = Member("amount").ValueKind == JsonValueKind.Undefined
                ? Wrong<decimal?>($"{path}.amount", "is required (an amount in euros)")
                : Decimal(Member("amount"), $"{path}.amount");
            if (type is null) Wrong<Price>($"{path}.type", "is required (TRE_R246)");
            if (unit is null) Wrong<Price>($"{path}.unit", "is required (TRE_R228)");
            var price = new Price(type ?? "", unit ?? "", amount ?? 0)
            {
                ValidFrom = Member("validFrom").ValueKind == JsonValueKind.Undefined ? null : Date(Member("validFrom"), $"{path}.validFrom"),
                ResidentialType = Text("residentialType"),
                DependencyLevel = Text("dependencyLevel"),
                WelcomeType = Text("welcomeType"),
                SpecialPrice = Text("specialPrice"),
            };
            return Problems.Count == problems ? price : default;
        }
    }
}
