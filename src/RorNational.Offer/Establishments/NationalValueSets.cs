using System.Text.Json;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Offer.Establishments;

/// <summary>
/// The national value sets the FHIR rendering binds (fhir-profiles/ValueSet, embedded in this
/// assembly), read once into the <see cref="Terminology"/> the deciders check codes against.
/// A value set is held when it lists its codes (compose.include.concept); one that includes a
/// whole NOS table (JDV_J55, JDV_J230...: none a fiche's field binds) is not, and its codes
/// would be checked for their shape only.
/// </summary>
public static class NationalValueSets
{
    private const string ResourcePrefix = "ValueSet/";

    public static Terminology Default { get; } = LoadEmbedded();

    private static Terminology LoadEmbedded()
    {
        var assembly = typeof(NationalValueSets).Assembly;
        var valueSets = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var json = JsonDocument.Parse(stream);
            if (Listed(json.RootElement) is not { } listed) continue;
            valueSets[listed.Name] = listed.Codes;
            foreach (var (table, codes) in listed.ByTable) valueSets[Terminology.ByTable(listed.Name, table)] = codes;
        }
        if (!valueSets.ContainsKey(DescriptionValueSets.ChampActivite.ValueSet))
            throw new InvalidOperationException("The national value sets are not embedded (fhir-profiles/ValueSet).");
        return new Terminology(valueSets);
    }

    /// <summary>
    /// A value set's name (the NOS identifier in its canonical URL, JDV_J20-ChampActivite-ROR)
    /// and its codes; null when an include lists no code (a whole code system or another value set).
    /// </summary>
    private static (string Name, IReadOnlySet<string> Codes, Dictionary<string, IReadOnlySet<string>> ByTable)? Listed(JsonElement valueSet)
    {
        var url = valueSet.GetProperty("url").GetString()!;
        const string nos = "/NOS/";
        var start = url.IndexOf(nos, StringComparison.Ordinal);
        if (start < 0) return null;
        var name = url[(start + nos.Length)..].Split('/')[0];
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var byTable = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var include in valueSet.GetProperty("compose").GetProperty("include").EnumerateArray())
        {
            if (!include.TryGetProperty("concept", out var concepts) || concepts.GetArrayLength() == 0) return null;
            var ofTable = concepts.EnumerateArray().Select(concept => concept.GetProperty("code").GetString()!).ToHashSet(StringComparer.Ordinal);
            codes.UnionWith(ofTable);
            if (TableOf(include) is { } table) byTable[table] = ofTable;
        }
        return (name, codes, byTable);
    }

    /// <summary>The NOS table (TRE_G15) of an include's code system URL, null for another system.</summary>
    private static string? TableOf(JsonElement include)
    {
        if (!include.TryGetProperty("system", out var system) || system.GetString() is not { } url) return null;
        const string nos = "/NOS/";
        var start = url.IndexOf(nos, StringComparison.Ordinal);
        if (start < 0) return null;
        var name = url[(start + nos.Length)..].Split('/')[0];
        var dash = name.IndexOf('-');
        return dash < 0 ? null : name[..dash];
    }
}
