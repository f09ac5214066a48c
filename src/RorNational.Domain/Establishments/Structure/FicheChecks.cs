using System.Text.RegularExpressions;
using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The checks of one fiche, one problem per wrong field, named by its JSON path in the fiche.
/// <see cref="Of"/> holds on every draft (types, codes, lengths, bounds of whatever is there);
/// <see cref="ForFinalization"/> adds what a fiche must hold to be finalized.
/// </summary>
public static partial class FicheChecks
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    public static partial Regex FicheIdPattern();

    private const string FicheIdExpectation = "must be 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit";

    public static IReadOnlyList<Problem> IdProblems(string ficheId) => FicheIdPattern().IsMatch(ficheId)
        ? []
        : [new Problem(FicheIdExpectation, "id")];

    /// <summary>
    /// What any fiche, draft or not, must respect: a known type, well-formed ids and
    /// codes (in their value sets, <paramref name="terminology"/>), the content's bounds, the
    /// communes of the reference data.
    /// </summary>
    public static IReadOnlyList<Problem> Of(Fiche fiche, Func<string, bool> isKnownCommune, Terminology terminology)
    {
        var checks = new FieldChecks().Optional(fiche.Name, "name")
            .Matches(fiche.ParentId, FicheIdPattern(), "parentId", FicheIdExpectation);
        if (!Enum.IsDefined(fiche.Type)) checks.Wrong("type", "must be one of Pole, Service, UF, UO, Lieu");
        if (fiche.Type != FicheType.UO && fiche.UO is not null) checks.Wrong("uo", "is only for a UO fiche");
        if (fiche.Type != FicheType.Lieu && fiche.Lieu is not null) checks.Wrong("lieu", "is only for a lieu fiche");
        if (!fiche.IsOrganisation && fiche.Organisation is not null) checks.Wrong("organisation", "is only for a pôle, service or UF fiche");
        if (fiche.Type == FicheType.UO && fiche.UO is null) checks.Missing("uo", "is required for a UO fiche");
        if (fiche.Type == FicheType.Lieu && fiche.Lieu is null) checks.Missing("lieu", "is required for a lieu fiche");
        if (fiche.UO is { } uo) checks.Nested("uo", UOProblems(uo, terminology));
        if (fiche.Lieu is { } lieu) checks.Nested("lieu", LieuProblems(lieu, isKnownCommune, terminology));
        if (fiche.Organisation is { } organisation) checks.Nested("organisation", EGDescriptionChecks.OfOrganisation(organisation, terminology));
        return checks.Problems;
    }

    /// <summary>What a fiche must hold to be finalized, beyond <see cref="Of"/>.</summary>
    public static IReadOnlyList<Problem> ForFinalization(Fiche fiche, Func<string, bool> isKnownCommune, Terminology terminology)
    {
        var checks = new FieldChecks().Required(fiche.Name, "name");
        if (fiche.UO is { } uo)
        {
            var completeness = new FieldChecks()
                .Required(uo.ChampActivite, "champActivite", 10)
                .Required(uo.ModePriseEnCharge, "modePriseEnCharge", 10);
            if (uo.ActivitesOperationnelles is { Count: 0 })
                completeness.Missing("activitesOperationnelles", "at least one activité opérationnelle (TRE_R211) is required");
            if (uo.LieuIds is { Count: 0 }) completeness.Missing("lieuIds", "at least one lieu de réalisation is required");
            if (uo.Content is { AgeRange: null }) completeness.Missing("content.ageRange");
            checks.Nested("uo", completeness.Problems);
        }
        if (fiche.Lieu is { } lieu)
        {
            var completeness = new FieldChecks()
                .Required(lieu.Function, "function", 10)
                .Required(lieu.IdExterneSynchro, "idExterneSynchro", 100);
            if (lieu.Address is null) completeness.Missing("address");
            else if (lieu.Address.CommuneCog is null) completeness.Missing("address.communeCog");
            checks.Nested("lieu", completeness.Problems);
        }
        foreach (var problem in Of(fiche, isKnownCommune, terminology)) checks.Add(problem);
        return checks.Problems.DistinctBy(p => p.Field).ToList();
    }

    private static IReadOnlyList<Problem> UOProblems(UODescription uo, Terminology terminology)
    {
        var checks = new FieldChecks()
            .Code(uo.ChampActivite, "champActivite", DescriptionValueSets.ChampActivite, terminology)
            .Code(uo.ModePriseEnCharge, "modePriseEnCharge", DescriptionValueSets.ModePriseEnCharge, terminology)
            .Code(uo.CategorieOrganisation, "categorieOrganisation", DescriptionValueSets.CategorieOrganisation, terminology)
            .Each(uo.ActivitesOperationnelles, "activitesOperationnelles", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.ActiviteOperationnelle, terminology))
            .Each(uo.LieuIds, "lieuIds", id => FicheIdPattern().IsMatch(id) ? [] : [new Problem(FicheIdExpectation)]);
        foreach (var problem in UOCharacteristicChecks.OfDescription(uo, terminology)) checks.Add(problem);
        return uo.Content is null
            ? checks.Wrong("content", "must be an object (empty when there is nothing to say yet), not null").Problems
            : checks.Nested("content", UOContentChecks.Of(uo.Content, terminology)).Problems;
    }

    private static IReadOnlyList<Problem> LieuProblems(LieuDescription lieu, Func<string, bool> isKnownCommune, Terminology terminology)
    {
        var checks = new FieldChecks()
            .Code(lieu.Function, "function", DescriptionValueSets.FonctionLieu, terminology)
            .Optional(lieu.IdExterneSynchro, "idExterneSynchro", 100)
            .Optional(lieu.FunctionalId, "functionalId", 100)
            .Position(lieu.Position, "position");
        foreach (var problem in LieuContentChecks.Of(lieu, terminology)) checks.Add(problem);
        if (lieu.Address is not { } address) return checks.Problems;
        checks.Nested("address", address.Check());
        if (address.CommuneCog is { } cog && FieldChecks.CommuneCog().IsMatch(cog) && !isKnownCommune(cog))
            checks.Wrong("address.communeCog", $"{cog} is not a commune of the reference data (INSEE COG)");
        return checks.Problems;
    }
}
