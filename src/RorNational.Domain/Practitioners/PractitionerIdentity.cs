using RorNational.Domain.Establishments.Structure;

namespace RorNational.Domain.Practitioners;

/// <summary>
/// What an editor records of a professional, nationwide: civility (TRE_R81, JDV_J207), family
/// and given names, and MSS mailboxes (each a telecom with its channel and confidentiality).
/// The professional's roles in the offer are part of each UO's content (<see cref="PractitionerRole"/>).
/// </summary>
public sealed record PractitionerIdentity
{
    /// <summary>Civilité (TRE_R81): M, MME, MLLE.</summary>
    public string? Civility { get; init; }

    public string? FamilyName { get; init; }
    public IReadOnlyList<string> GivenNames { get; init; } = [];

    /// <summary>Boîtes aux lettres MSS, each with its channel (TRE_R200) and confidentiality (TRE_R283).</summary>
    public IReadOnlyList<Telecom> Mailboxes { get; init; } = [];
}

/// <summary>A recorded professional: the state of a practitioner's stream.</summary>
public sealed record RecordedPractitioner(string Id, string Rpps, PractitionerIdentity Identity, DateTimeOffset RecordedAt)
{
    public static RecordedPractitioner? Evolve(RecordedPractitioner? state, object @event) => @event switch
    {
        PractitionerRecorded e => new RecordedPractitioner(PractitionerIds.Of(e.Rpps), e.Rpps, e.Identity, e.At),
        PractitionerIdentityChanged e when state is not null => state with { Identity = e.Identity },
        _ => state,
    };
}
