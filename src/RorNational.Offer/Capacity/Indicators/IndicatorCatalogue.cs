using System.Text.Json;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Ror;
using RorNational.Offer.Capacity.Protocol;

namespace RorNational.Offer.Capacity.Indicators;

/// <summary>
/// The capacity indicators suppliers may write, read from fhir-profiles/capacity/indicators.json
/// (embedded in this assembly): data, not code. Checks a key or a whole indicator and refuses,
/// as the national protocol does, with 400 business-rule naming the key.
/// </summary>
public sealed class IndicatorCatalogue(IReadOnlyList<IndicatorRule> rules, IReadOnlyDictionary<string, IReadOnlySet<string>> refusedOnWrite)
{
    private const string ResourceName = "capacity/indicators.json";

    public static IndicatorCatalogue Default { get; } = LoadEmbedded();

    public IReadOnlyList<IndicatorRule> Rules { get; } = rules;

    /// <summary>The rule a key falls under; null when it is not a valid indicator.</summary>
    public IndicatorRule? RuleOf(CapacityKey key) => Rules.FirstOrDefault(rule => rule.Admits(key));

    /// <summary>Refuses a selector (a replace or delete path) that names no valid indicator.</summary>
    public void CheckSelector(CapacityKey key)
    {
        RefuseCodesNotWritten(key);
        if (RuleOf(key) is null)
            throw CapacityChangeRefused.Because(CapacityRefusalKind.BusinessRule,
                $"The criteria of the path do not name a valid indicator: {key}");
    }

    /// <summary>Refuses an indicator that is not valid, or whose nature is not one its key accepts.</summary>
    public void CheckIndicator(CapacityIndicator indicator)
    {
        RefuseCodesNotWritten(indicator.Key);
        var rule = RuleOf(indicator.Key) ?? throw CapacityChangeRefused.Because(CapacityRefusalKind.BusinessRule,
            $"The values of the new record do not make a valid indicator: {indicator.Key}", CapacityExpressions.Extension);
        if (!rule.CapacityTypes.Contains(indicator.CapacityType))
            throw CapacityChangeRefused.Because(CapacityRefusalKind.BusinessRule,
                $"Indicator {indicator.Key}: capacityType {indicator.CapacityType} is not the nature this indicator expects " +
                $"({string.Join(" or ", rule.CapacityTypes.Order())})", CapacityExpressions.SubExtension(CapacityCodes.CapacityType));
    }

    private void RefuseCodesNotWritten(CapacityKey key)
    {
        foreach (var (member, code) in new[] { (CapacityCodes.CapacityStatus, key.Status), (CapacityCodes.Gender, key.Gender) })
            if (code is not null && refusedOnWrite.TryGetValue(member, out var refused) && refused.Contains(code))
                throw CapacityChangeRefused.Because(CapacityRefusalKind.BusinessRule,
                    $"{member} {code} may no longer be written (deprecated or not exchanged): {key}", CapacityExpressions.SubExtension(member));
    }

    private static IndicatorCatalogue LoadEmbedded()
    {
        using var stream = typeof(IndicatorCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The capacity indicators are not embedded (fhir-profiles/{ResourceName}).");
        return Parse(JsonDocument.Parse(stream).RootElement);
    }

    public static IndicatorCatalogue Parse(JsonElement root)
    {
        var rules = root.GetProperty("indicators").EnumerateArray().Select(entry => new IndicatorRule(
            entry.GetProperty("name").GetString()!,
            entry.GetProperty(CapacityCodes.CapacityStatus).GetString()!,
            Codes(entry, CapacityCodes.Temporality),
            Codes(entry, CapacityCodes.Gender),
            Codes(entry, CapacityCodes.ClosingType),
            Codes(entry, CapacityCodes.AdditionalBedType),
            Codes(entry, CapacityCodes.CrisisType),
            Codes(entry, CapacityCodes.TemporaryAssignment),
            Codes(entry, "capacityTypes").OfType<string>().ToHashSet())).ToList();
        var refused = root.TryGetProperty("refusedOnWrite", out var list)
            ? list.EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlySet<string>)p.Value.EnumerateArray().Select(c => c.GetString()!).ToHashSet())
            : [];
        var statuses = rules.GroupBy(r => r.Status).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (statuses.Count > 0) throw new InvalidOperationException($"capacity indicators: status {string.Join(", ", statuses)} has several entries");
        return new IndicatorCatalogue(rules, refused);
    }

    private static HashSet<string?> Codes(JsonElement entry, string member) =>
        entry.GetProperty(member).EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? null : c.GetString()).ToHashSet();
}
