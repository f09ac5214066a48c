using System.Text.Json;
using System.Text.Json.Serialization;

namespace RorNational.Fhir.Availability.Regroupements;

/// <summary>
/// The regroupements of the deployment, in the order of fhir-profiles/availability/regroupements.json
/// (embedded in this assembly). A unit belongs to the first regroupement that one of its offers matches.
/// </summary>
public sealed class RegroupementCatalogue(IReadOnlyList<Regroupement> all)
{
    private const string ResourceName = "availability/regroupements.json";

    // Static fields initialise in the order of the text: the options before the catalogue read with them.
    private static readonly JsonSerializerOptions FileOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static RegroupementCatalogue Default { get; } = LoadEmbedded();

    public IReadOnlyList<Regroupement> All { get; } = all;

    public Regroupement? Find(string code) => All.FirstOrDefault(r => r.Code == code);

    /// <summary>The regroupement of a unit serving these offers: the first, in file order, that one of them matches; null when none does.</summary>
    public Regroupement? Of(IEnumerable<OfferForRegroupement> offers)
    {
        var list = offers as IReadOnlyCollection<OfferForRegroupement> ?? offers.ToList();
        return list.Count == 0 ? null : All.FirstOrDefault(regroupement => list.Any(regroupement.Matches));
    }

    public static RegroupementCatalogue Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<RegroupementFile>(json, FileOptions)
            ?? throw new InvalidOperationException("the regroupements file is empty");
        var all = file.Regroupements.Select(r => new Regroupement(r.Code, r.Display,
            r.Rules.Select(rule => new RegroupementRule(rule.Activities ?? [], rule.Categories ?? [], rule.AgeHighBelow)).ToList())).ToList();
        var duplicate = all.GroupBy(r => r.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"the regroupement code '{duplicate.Key}' is defined twice");
        return new RegroupementCatalogue(all);
    }

    private static RegroupementCatalogue LoadEmbedded()
    {
        using var stream = typeof(RegroupementCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing");
        return Parse(stream);
    }

    private sealed record RegroupementFile(List<RegroupementEntry> Regroupements);
    private sealed record RegroupementEntry(string Code, string Display, List<RuleEntry> Rules);
    private sealed record RuleEntry(List<string>? Activities, List<string>? Categories, int? AgeHighBelow);
}
