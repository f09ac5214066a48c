using RorNational.Fhir.Availability.Regroupements;
using RorNational.Fhir.Ror;

namespace RorNational.Fhir.Availability.Measures;

/// <summary>
/// A regroupement's rules (fhir-profiles/availability/regroupements.json) as FHIRPath over the
/// UOs (HealthcareService) and in words: the Measure carries them as data, the file stays the source.
/// </summary>
public static class RegroupementCriteria
{
    private static readonly string AgeRangeHigh =
        $"extension.where(url='{RorCanonical.Extensions.PatientType}').extension.where(url='ageRange').value.ofType(Range).high.value";

    /// <summary>The Locations of the UOs that match one of the rules.</summary>
    public static string Expression(Regroupement regroupement) =>
        $"HealthcareService.where({string.Join(" or ", regroupement.Rules.Select(Rule))}).location";

    public static string Description(Regroupement regroupement, IReadOnlyList<Regroupement> all)
    {
        var before = all.TakeWhile(r => r.Code != regroupement.Code).Select(r => r.Code).ToList();
        var rules = string.Join("; or ", regroupement.Rules.Select(Words));
        return $"Units (FHIR Locations) served by a UO (HealthcareService) that has {rules}. " +
               "A unit counts in the first regroupement, in the catalogue's order, that one of its UOs matches" +
               (before.Count == 0 ? " (this is the first)." : $": not in this one when it matches an earlier one ({string.Join(", ", before)}).") +
               " The unit's territory is the commune of its establishment (EG). Units a caller's profile may not see (sensitive units) are not counted for it.";
    }

    private static string Rule(RegroupementRule rule)
    {
        var either = new List<string>();
        if (rule.Activities.Count > 0)
            either.Add($"specialty.coding.where(system='{RorCanonical.Terminologies.ActiviteOperationnelle}' and code in ({Codes(rule.Activities)})).exists()");
        if (rule.Categories.Count > 0)
            either.Add($"category.coding.where(system='{RorCanonical.Terminologies.CategorieOrganisation}' and code in ({Codes(rule.Categories)})).exists()");
        var match = $"({string.Join(" or ", either)})";
        return rule.AgeHighBelow is { } below ? $"({match} and {AgeRangeHigh} < {below})" : match;
    }

    private static string Words(RegroupementRule rule)
    {
        var either = new List<string>();
        if (rule.Activities.Count > 0) either.Add($"an operational activity (specialty, TRE_R211) among {string.Join(", ", rule.Activities)}");
        if (rule.Categories.Count > 0) either.Add($"a unit category (category, TRE_R244) among {string.Join(", ", rule.Categories)}");
        var words = string.Join(" or ", either);
        return rule.AgeHighBelow is { } below ? $"{words}, with patients' age range ending below {below} years" : words;
    }

    private static string Codes(IEnumerable<string> codes) => string.Join(" | ", codes.Select(c => $"'{c}'"));
}
