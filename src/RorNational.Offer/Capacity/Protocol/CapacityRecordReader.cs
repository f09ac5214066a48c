using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Ror;
using C = RorNational.Fhir.Ror.CapacityCodes;

namespace RorNational.Offer.Capacity.Protocol;

/// <summary>
/// Reads one ror-location-supported-capacity extension of a supplier's patch into an
/// indicator: every required sub-extension there once, coded ones in their NOS system, a
/// count that is a non-negative integer, a source date to the second with its time zone.
/// Whether the indicator is a valid one is the catalogue's to say, not this reader's.
/// </summary>
public static partial class CapacityRecordReader
{
    public const int CommentMaxLength = 1000;

    private static readonly string[] Required =
        [C.CapacityType, C.CapacityStatus, C.Temporality, C.Count, C.SourceType, C.UpdateDate, C.TemporaryAssignment];

    private static readonly HashSet<string> Known =
        [.. Required, C.Gender, C.ClosingType, C.AdditionalBedType, C.CrisisType, C.Comment];

    public static CapacityIndicator Read(JsonElement extension)
    {
        if (extension.ValueKind != JsonValueKind.Object)
            throw Invalid("a capacity record must be an extension object", CapacityExpressions.Extension);
        if (!extension.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
            || url.GetString() != RorCanonical.Extensions.LocationSupportedCapacity)
            throw Invalid($"only capacity may be patched: the extension's url must be {RorCanonical.Extensions.LocationSupportedCapacity}", "Location.extension");
        foreach (var property in extension.EnumerateObject())
            if (property.Name is not ("url" or "extension"))
                throw Invalid($"a capacity record holds only url and extension, not '{property.Name}'", CapacityExpressions.Extension);
        if (!extension.TryGetProperty("extension", out var parts) || parts.ValueKind != JsonValueKind.Array)
            throw Invalid("a capacity record needs its sub-extensions (extension array)", CapacityExpressions.Extension);

        var values = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        foreach (var part in parts.EnumerateArray())
        {
            var name = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null;
            if (name is null || !Known.Contains(name))
                throw Invalid($"'{name ?? "(no url)"}' is not a sub-extension of a capacity record (known: {string.Join(", ", Known)})", CapacityExpressions.Extension);
            var value = part.EnumerateObject().Where(p => p.Name.StartsWith("value", StringComparison.Ordinal)).ToList();
            if (value.Count != 1 || part.EnumerateObject().Count() != 2)
                throw Invalid($"{name} needs exactly one value[x] and nothing else", CapacityExpressions.SubExtension(name));
            if (!values.TryAdd(name, value[0]))
                throw Invalid($"{name} is given twice", CapacityExpressions.SubExtension(name));
        }
        foreach (var name in Required)
            if (!values.ContainsKey(name))
                throw Invalid($"{name} is required in a capacity record", CapacityExpressions.SubExtension(name));

        var key = new CapacityKey(
            Code(values, C.CapacityStatus)!, Code(values, C.Temporality)!, Code(values, C.Gender), Code(values, C.ClosingType),
            Code(values, C.AdditionalBedType), Code(values, C.CrisisType), Code(values, C.TemporaryAssignment)!);
        var sourceType = Code(values, C.SourceType)!;
        if (!C.Coded[C.SourceType].Labels.ContainsKey(sourceType))
            throw Invalid($"capacitySourceType {sourceType} is not a code of TRE_R335 (01 to 04)", CapacityExpressions.SubExtension(C.SourceType));
        return new CapacityIndicator(key, Code(values, C.CapacityType)!, Count(values[C.Count]), sourceType, SourceDate(values[C.UpdateDate]))
        {
            Comment = values.TryGetValue(C.Comment, out var comment) ? Comment(comment) : null,
        };
    }

    /// <summary>The code of a coded sub-extension in its NOS system; null when the sub-extension is absent.</summary>
    private static string? Code(Dictionary<string, JsonProperty> values, string name)
    {
        if (!values.TryGetValue(name, out var value)) return null;
        var system = C.SystemOf(name);
        var codings = value.Name switch
        {
            "valueCodeableConcept" when value.Value.ValueKind == JsonValueKind.Object
                && value.Value.TryGetProperty("coding", out var coding) && coding.ValueKind == JsonValueKind.Array => coding.EnumerateArray().ToList(),
            "valueCoding" => [value.Value],
            _ => throw Invalid($"{name} must be a valueCodeableConcept with a coding in {system}", CapacityExpressions.SubExtension(name)),
        };
        if (value.Name == "valueCodeableConcept" && value.Value.EnumerateObject().Any(p => !CodeableConceptMembers.Contains(p.Name))
            || codings.Any(c => c.ValueKind != JsonValueKind.Object || c.EnumerateObject().Any(p => !CodingMembers.Contains(p.Name))))
            throw Invalid($"{name} holds a member that is not FHIR's (a CodeableConcept has coding and text; a Coding system, version, code, display, userSelected)",
                CapacityExpressions.SubExtension(name));
        var codes = codings
            .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("system", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == system)
            .Select(c => c.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null)
            .ToList();
        if (codes.Count != 1 || string.IsNullOrWhiteSpace(codes[0]))
            throw Invalid($"{name} must have exactly one coding with a code in {system}", CapacityExpressions.SubExtension(name));
        return codes[0];
    }

    private static readonly HashSet<string> CodeableConceptMembers = ["id", "extension", "coding", "text"];
    private static readonly HashSet<string> CodingMembers = ["id", "extension", "system", "version", "code", "display", "userSelected"];

    private static int Count(JsonProperty value)
    {
        if (value.Name is "valueInteger" or "valueUnsignedInt" && value.Value.ValueKind == JsonValueKind.Number
            && value.Value.TryGetInt32(out var count) && count >= 0 && IsIntegerLiteral(value.Value.GetRawText()))
            return count;
        throw Invalid($"nbCapacity must be a non-negative integer (valueInteger), not {value.Value.GetRawText()}", CapacityExpressions.SubExtension(C.Count));
    }

    private static bool IsIntegerLiteral(string raw) => raw.All(char.IsAsciiDigit);

    private static DateTimeOffset SourceDate(JsonProperty value)
    {
        if (value.Name == "valueDateTime" && value.Value.ValueKind == JsonValueKind.String
            && InstantShape().IsMatch(value.Value.GetString()!)
            && DateTimeOffset.TryParse(value.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw Invalid("capacityUpdateDate must be a valueDateTime to the second with its time zone, e.g. 2026-03-01T14:05:00+01:00",
            CapacityExpressions.SubExtension(C.UpdateDate));
    }

    private static string Comment(JsonProperty value) =>
        value.Name == "valueString" && value.Value.ValueKind == JsonValueKind.String && value.Value.GetString()!.Length <= CommentMaxLength
            ? value.Value.GetString()!
            : throw Invalid($"comment must be a valueString of at most {CommentMaxLength} characters", CapacityExpressions.SubExtension(C.Comment));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantShape();

    private static CapacityChangeRefused Invalid(string diagnostics, string expression) =>
        CapacityChangeRefused.Because(CapacityRefusalKind.Invalid, diagnostics, expression);
}
