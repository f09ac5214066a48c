using System.Text.RegularExpressions;
using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// What a fiche must hold to be finalized, one problem per missing or wrong field, named by
/// its JSON path in the fiche.
/// </summary>
public static partial class FicheChecks
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    public static partial Regex FicheIdPattern();

    public static IReadOnlyList<Problem> IdProblems(string ficheId) => FicheIdPattern().IsMatch(ficheId)
        ? []
        : [new Problem("must be 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit", "id")];

    public static IReadOnlyList<Problem> ForFinalization(Fiche fiche)
    {
        var checks = new FieldChecks().Required(fiche.Name, "name");
        return fiche.Type switch
        {
            FicheType.UO when fiche.UO is null => checks.Missing("uo").Problems,
            FicheType.UO => checks.Nested("uo", UOProblems(fiche.UO)).Problems,
            FicheType.Lieu when fiche.Lieu is null => checks.Missing("lieu").Problems,
            FicheType.Lieu => checks.Nested("lieu", LieuProblems(fiche.Lieu)).Problems,
            _ => checks.Problems,
        };
    }

    private static IReadOnlyList<Problem> UOProblems(UODescription uo)
    {
        var checks = new FieldChecks()
            .Required(uo.ChampActivite, "champActivite", 10)
            .Required(uo.ModePriseEnCharge, "modePriseEnCharge", 10);
        if (uo.ActivitesOperationnelles.Count == 0 || uo.ActivitesOperationnelles.Any(string.IsNullOrWhiteSpace))
            checks.Nested("activitesOperationnelles", [new Problem("at least one activité opérationnelle (TRE_R211) is required")]);
        if (uo.LieuIds.Count == 0)
            checks.Nested("lieuIds", [new Problem("at least one lieu de réalisation is required")]);
        var content = uo.Content;
        if (content.AgeRange is null) checks.Missing("content.ageRange");
        else if (content.AgeRange.Low < 0 || content.AgeRange.High < content.AgeRange.Low || content.AgeRange.High > 150)
            checks.Nested("content.ageRange", [new Problem("must have 0 <= low <= high <= 150 (years)")]);
        return checks.Nested("content", ContentProblems(content)).Problems;
    }

    /// <summary>Checks that hold for content however it is written (dossier or direct edit).</summary>
    public static IReadOnlyList<Problem> ContentProblems(UOContent content)
    {
        var problems = new List<Problem>();
        for (var i = 0; i < content.OpeningHours.Count; i++)
        {
            var hours = content.OpeningHours[i];
            var at = $"openingHours[{i}]";
            if (hours.Day is < 1 or > 7) problems.Add(new Problem("must be 1 (Monday) to 7 (Sunday)", $"{at}.day"));
            if (string.IsNullOrWhiteSpace(hours.Type)) problems.Add(new Problem("is required (TRE_R252)", $"{at}.type"));
            if (hours.Opens is { } opens && hours.Closes is { } closes && closes <= opens)
                problems.Add(new Problem("must be after opens", $"{at}.closes"));
        }
        for (var i = 0; i < content.Contacts.Count; i++)
        {
            var contact = content.Contacts[i];
            var at = $"contacts[{i}]";
            if (string.IsNullOrWhiteSpace(contact.Purpose)) problems.Add(new Problem("is required (TRE_R287)", $"{at}.purpose"));
            if (!Enum.IsDefined(contact.Confidentiality)) problems.Add(new Problem("must be 1, 2 or 3 (TRE_R283)", $"{at}.confidentiality"));
            for (var j = 0; j < contact.Telecoms.Count; j++)
            {
                var telecom = contact.Telecoms[j];
                if (string.IsNullOrWhiteSpace(telecom.Channel)) problems.Add(new Problem("is required (TRE_R200)", $"{at}.telecoms[{j}].channel"));
                if (string.IsNullOrWhiteSpace(telecom.Value)) problems.Add(new Problem("is required", $"{at}.telecoms[{j}].value"));
                if (!Enum.IsDefined(telecom.Confidentiality)) problems.Add(new Problem("must be 1, 2 or 3 (TRE_R283)", $"{at}.telecoms[{j}].confidentiality"));
            }
        }
        if (content.Closing is { ReopeningOn: { } reopening } closing && reopening < closing.ClosedFrom)
            problems.Add(new Problem("must not be before closedFrom", "closing.reopeningOn"));
        return problems;
    }

    private static IReadOnlyList<Problem> LieuProblems(LieuDescription lieu)
    {
        var checks = new FieldChecks()
            .Required(lieu.Function, "function", 10)
            .Required(lieu.IdExterneSynchro, "idExterneSynchro", 100);
        if (lieu.Address is null) return checks.Missing("address").Problems;
        checks.Nested("address", lieu.Address.Check());
        return lieu.Address.CommuneCog is null ? checks.Missing("address.communeCog").Problems : checks.Problems;
    }
}
