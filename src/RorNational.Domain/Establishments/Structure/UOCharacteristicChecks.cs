using System.Text.RegularExpressions;
using RorNational.Domain.Common;

namespace RorNational.Domain.Establishments.Structure;

/// <summary>
/// The bounds of a UO's characteristics beyond its activity and care mode: the structural ones
/// (<see cref="OfDescription"/>: family, reception type, expertise levels, specific and
/// outside-office acts, recorded through a dossier) and the content ones (<see cref="OfContent"/>:
/// reception modalities, management types, specialities, annual opening, resource professions,
/// specific competences, service stop, MSS mailboxes, also edited directly). Every code is in the
/// value set the rendering binds its characteristic slice to; each problem is named by its JSON path.
/// </summary>
public static partial class UOCharacteristicChecks
{
    public const int MaxMailboxLength = 256;

    /// <summary>An MSS mailbox: an e-mail address (one @, no space).</summary>
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex MailboxShape();

    public static IReadOnlyList<Problem> OfDescription(UODescription uo, Terminology terminology)
    {
        var checks = new FieldChecks()
            .Code(uo.ReceptionType, "receptionType", DescriptionValueSets.TemporaliteAccueil, terminology)
            .Each(uo.ExpertiseLevels, "expertiseLevels", level => NosCodeProblems(level, DescriptionValueSets.NiveauExpertise, terminology))
            .Each(uo.SpecificActs, "specificActs", act => UOContentChecks.CodeProblems(act, DescriptionValueSets.ActeSpecifique, terminology))
            .Each(uo.OutsideOfficeActs, "outsideOfficeActs", act => UOContentChecks.CodeProblems(act, DescriptionValueSets.ActeSpecifique, terminology));
        if (uo.OperationalActivityFamily is { } family)
            checks.Nested("operationalActivityFamily", NosCodeProblems(family, DescriptionValueSets.FamilleActiviteOperationnelle, terminology));
        return checks.Problems;
    }

    public static IReadOnlyList<Problem> OfContent(UOContent content, Terminology terminology) => new FieldChecks()
        .Each(content.ReceptionModalities, "receptionModalities", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.ModaliteAccueil, terminology))
        .Each(content.ManagementTypes, "managementTypes", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.ModeGestion, terminology))
        .Each(content.TakingCareSpecialities, "takingCareSpecialities", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.SpecialisationPriseEnCharge, terminology))
        .Code(content.AnnualOpening, "annualOpening", DescriptionValueSets.OuvertureAnnuelle, terminology)
        .Each(content.ResourceProfessions, "resourceProfessions", profession => NosCodeProblems(profession, DescriptionValueSets.ProfessionRessource, terminology))
        .Each(content.SpecificCompetences, "specificCompetences", code => UOContentChecks.CodeProblems(code, DescriptionValueSets.CompetenceSpecifique, terminology))
        .Code(content.ServiceStopTemporality, "serviceStopTemporality", DescriptionValueSets.TemporaliteArretService, terminology)
        .Each(content.MssMailboxes, "mssMailboxes", MailboxProblems(terminology))
        .Problems;

    /// <summary>The channel of an MSS mailbox (TRE_R256), written in JDV_J225 beside the TRE_R200 channels.</summary>
    public const string MssChannel = "MSSANTE";

    /// <summary>The TRE_R200 channel of an e-mail address, which an MSS mailbox may also be given.</summary>
    public const string EmailChannel = "3";

    private static Func<Telecom, IReadOnlyList<Problem>> MailboxProblems(Terminology terminology) => mailbox =>
    {
        var problems = UOContentChecks.TelecomProblems(mailbox with { Channel = mailbox.Channel == MssChannel ? EmailChannel : mailbox.Channel }, terminology).ToList();
        if (mailbox.Channel == MssChannel)
            problems.AddRange(new FieldChecks().Code(mailbox.Channel, "channel", DescriptionValueSets.TypeMessagerie, terminology).Problems);
        else if (!problems.Any(p => p.Field == "channel") && mailbox.Channel != EmailChannel)
            problems.Add(new Problem($"must be {MssChannel} (TRE_R256, an MSS mailbox) or {EmailChannel} (TRE_R200, an e-mail address)", "channel"));
        if (!string.IsNullOrWhiteSpace(mailbox.Value) && mailbox.Value.Length <= MaxMailboxLength && !MailboxShape().IsMatch(mailbox.Value))
            problems.Add(new Problem("must be an MSS mailbox: an e-mail address (name@domain.mssante.fr)", "value"));
        return problems;
    };

    /// <summary>A code naming its table: the table one of the value set's, the code in that table's part of it.</summary>
    private static IReadOnlyList<Problem> NosCodeProblems(NosCode code, IReadOnlyList<ValueSetBinding> tables, Terminology terminology)
    {
        var valueSet = tables[0].ValueSet;
        if (string.IsNullOrWhiteSpace(code.Table)) return [new Problem($"is required (one of {string.Join(", ", tables.Select(t => t.Table))})", "table")];
        if (tables.FirstOrDefault(t => t.Table == code.Table) is not { } binding)
            return [new Problem($"{code.Table} is not a table of the value set {valueSet}: one of {string.Join(", ", tables.Select(t => t.Table))}", "table")];
        return new FieldChecks().RequiredCode(code.Code, "code", binding, terminology).Problems;
    }
}
