using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Practitioners;

/// <summary>
/// Recording a professional's identity: checked whole (400 naming each field), then a first
/// record, a change, or nothing when the identity is the one recorded.
/// </summary>
public static class PractitionerDecisions
{
    public const int MaxNameLength = 100;

    public static IDomainEvent[] Record(RecordedPractitioner? state, string rpps, PractitionerIdentity identity, Terminology terminology,
        Actor by, DateTimeOffset now)
    {
        if (!PractitionerIds.IsRpps(rpps)) throw CommandRejected.Because(RejectionKind.Invalid, PractitionerIds.RppsExpectation, "rpps");
        CommandRejected.ThrowIfAny(Problems(identity, terminology));
        if (state is null) return [new PractitionerRecorded(rpps, identity, by, now)];
        return Equivalence.Same(state.Identity, identity) ? [] : [new PractitionerIdentityChanged(rpps, identity, by, now)];
    }

    public static IReadOnlyList<Problem> Problems(PractitionerIdentity identity, Terminology terminology) => new FieldChecks()
        .Code(identity.Civility, "civility", PractitionerValueSets.Civilite, terminology)
        .Required(identity.FamilyName, "familyName", MaxNameLength)
        .Each(identity.GivenNames, "givenNames", given => new FieldChecks().Required(given, "", MaxNameLength).Problems
            .Select(p => p with { Field = null }).ToList())
        .Each(identity.Mailboxes, "mailboxes", mailbox => UOContentChecks.TelecomProblems(mailbox, terminology))
        .Problems;
}
