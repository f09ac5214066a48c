using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Establishments.Dossiers;

/// <summary>
/// The collaborative dossier: an establishment editor drafts and finalizes fiches, submits;
/// a regional validator accepts (the changes are published all at once) or rejects.
/// Each decision returns the events to append; none when the command changes nothing.
/// A closed EG refuses every decision but a rejection, which changes nothing it publishes
/// and lets its dossier end.
/// </summary>
public static class DossierDecisions
{
    public static IDomainEvent[] Open(EG eg, string dossierId, Actor by, DateTimeOffset now)
    {
        if (eg.RequireActive().OpenDossier is { } open)
        {
            if (open.Id == dossierId) return [];
            throw CommandRejected.Because(RejectionKind.Conflict,
                $"dossier {open.Id} is already open on {eg.Id}; it must be accepted or rejected first");
        }
        return [new DossierOpened(dossierId, by, now)];
    }

    /// <summary>
    /// Drafts a fiche: it may be incomplete (finalization checks that), but what it holds must
    /// be well-formed (<see cref="FicheChecks.Of"/>); <paramref name="isKnownCommune"/> tells the
    /// communes of the reference data, <paramref name="terminology"/> the codes of the national value sets.
    /// </summary>
    public static IDomainEvent[] Draft(EG eg, string dossierId, Fiche proposed, Func<string, bool> isKnownCommune, Terminology terminology,
        Actor by, DateTimeOffset now)
    {
        var dossier = Editable(eg, dossierId);
        CommandRejected.ThrowIfAny(FicheChecks.IdProblems(proposed.Id));
        CommandRejected.ThrowIfAny(FicheChecks.Of(proposed, isKnownCommune, terminology));
        if (eg.Fiches.TryGetValue(proposed.Id, out var published) && published.Type != proposed.Type)
            throw Rule($"{proposed.Id} is published as a {published.Type}; remove it and draft a new fiche instead", "type");
        if (dossier.Drafts.TryGetValue(proposed.Id, out var draft) && draft.Proposed is { } current && Equivalence.Same(current, proposed))
            return [];
        return [new FicheDrafted(dossierId, proposed, by, now)];
    }

    public static IDomainEvent[] DraftRemoval(EG eg, string dossierId, string ficheId, Actor by, DateTimeOffset now)
    {
        var dossier = Editable(eg, dossierId);
        var published = eg.Fiches.ContainsKey(ficheId);
        var drafted = dossier.Drafts.TryGetValue(ficheId, out var draft);
        if (!published && !drafted) throw NotFound($"{ficheId} is neither published nor drafted in dossier {dossierId}");
        if (published && drafted && draft!.Proposed is null) return [];
        return [new FicheRemovalDrafted(dossierId, ficheId, by, now)];
    }

    public static IDomainEvent[] Finalize(EG eg, string dossierId, string ficheId, Func<string, bool> isKnownCommune, Terminology terminology,
        Actor by, DateTimeOffset now)
    {
        var dossier = Editable(eg, dossierId);
        if (!dossier.Drafts.TryGetValue(ficheId, out var draft)) throw NotFound($"{ficheId} is not drafted in dossier {dossierId}");
        if (draft.Finalized) return [];
        var problems = FicheChecks.ForFinalization(draft.Proposed!, isKnownCommune, terminology);
        if (problems.Count > 0) throw new CommandRejected(RejectionKind.BusinessRule, problems);
        return [new FicheFinalized(dossierId, ficheId, by, now)];
    }

    public static IDomainEvent[] Submit(EG eg, string dossierId, Actor by, DateTimeOffset now)
    {
        var dossier = Find(eg.RequireActive(), dossierId);
        if (dossier is Dossier.Submitted) return [];
        if (dossier.Drafts.Count == 0) throw Rule("the dossier proposes no change");
        var unfinalized = dossier.Drafts.Values.Where(d => !d.Finalized).Select(d => new Problem("is not finalized", d.FicheId)).ToList();
        if (unfinalized.Count > 0) throw new CommandRejected(RejectionKind.BusinessRule, unfinalized);
        ThrowIfInconsistent(eg, dossier);
        return [new DossierSubmitted(dossierId, by, now)];
    }

    public static IDomainEvent[] Accept(EG eg, string dossierId, string? reason, Actor by, DateTimeOffset now)
    {
        var dossier = Submitted(eg.RequireActive(), dossierId);
        CommandRejected.ThrowIfAny(ReasonProblems(reason));
        ThrowIfInconsistent(eg, dossier);
        var changes = dossier.Drafts.Values.Select(d => new FicheChange(d.FicheId, d.Proposed)).ToList();
        return [new DossierAccepted(dossierId, reason, changes, by, now)];
    }

    /// <summary>Also on a closed EG: a rejection publishes nothing, and ends the dossier the closure froze.</summary>
    public static IDomainEvent[] Reject(EG eg, string dossierId, string? reason, Actor by, DateTimeOffset now)
    {
        Submitted(eg, dossierId);
        if (string.IsNullOrWhiteSpace(reason)) throw Invalid("a rejection needs a reason the establishment can act on", "reason");
        CommandRejected.ThrowIfAny(ReasonProblems(reason));
        return [new DossierRejected(dossierId, reason, by, now)];
    }

    public const int MaxReasonLength = 2000;

    private static IReadOnlyList<Problem> ReasonProblems(string? reason) => new FieldChecks().Optional(reason, "reason", MaxReasonLength).Problems;

    private static void ThrowIfInconsistent(EG eg, Dossier dossier)
    {
        var problems = StructureChecks.Of(dossier.Apply(eg.Fiches));
        if (problems.Count > 0) throw new CommandRejected(RejectionKind.BusinessRule, problems);
    }

    private static Dossier Find(EG eg, string dossierId) =>
        eg.OpenDossier is { } dossier && dossier.Id == dossierId
            ? dossier
            : throw NotFound($"no open dossier {dossierId} on {eg.Id}");

    /// <summary>The draft dossier of an active EG, the only one whose fiches change.</summary>
    private static Dossier.Draft Editable(EG eg, string dossierId) => Find(eg.RequireActive(), dossierId) switch
    {
        Dossier.Draft draft => draft,
        _ => throw CommandRejected.Because(RejectionKind.Conflict, $"dossier {dossierId} is submitted; it awaits a validator's decision"),
    };

    private static Dossier.Submitted Submitted(EG eg, string dossierId) => Find(eg, dossierId) switch
    {
        Dossier.Submitted submitted => submitted,
        _ => throw CommandRejected.Because(RejectionKind.Conflict, $"dossier {dossierId} is not submitted yet"),
    };

    private static CommandRejected Rule(string message, string? field = null) => CommandRejected.Because(RejectionKind.BusinessRule, message, field);
    private static CommandRejected Invalid(string message, string field) => CommandRejected.Because(RejectionKind.Invalid, message, field);
    private static CommandRejected NotFound(string message) => CommandRejected.Because(RejectionKind.NotFound, message);
}
