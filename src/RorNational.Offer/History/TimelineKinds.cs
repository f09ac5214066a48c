using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Domain.Establishments.Dossiers;
using RorNational.Domain.Establishments.Editing;

namespace RorNational.Offer.History;

/// <summary>
/// The closed vocabulary of a timeline entry's <c>kind</c>, and the details an auditor needs
/// per event: <c>import</c> (FINESS administrative data: registrations, updates, closures,
/// reopenings of an EJ or EG), <c>draft</c> (a dossier opened, a fiche drafted or its removal
/// drafted), <c>finalization</c>, <c>submission</c>, <c>validation</c> (a dossier accepted, by its
/// validator), <c>rejection</c> (refused, by its validator, with the reason), <c>direct-edit</c>
/// (a UO's content, the operational name, the EG's own description, without a dossier),
/// <c>capacity</c> (a supplier's change to a lieu's capacity, with its source date), and
/// <c>other</c> for any event not listed here.
/// </summary>
public static class TimelineKinds
{
    public const string Import = "import";
    public const string Draft = "draft";
    public const string Finalization = "finalization";
    public const string Submission = "submission";
    public const string Validation = "validation";
    public const string Rejection = "rejection";
    public const string DirectEdit = "direct-edit";
    public const string Capacity = "capacity";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Import, Draft, Finalization, Submission, Validation, Rejection, DirectEdit, Capacity, Other];

    private static readonly IReadOnlyDictionary<Type, string> KindOfType = new Dictionary<Type, string>
    {
        [typeof(EJRegistered)] = Import, [typeof(EJAdministrativeDataUpdated)] = Import, [typeof(EGRegistered)] = Import,
        [typeof(EGAdministrativeDataUpdated)] = Import, [typeof(EGClosed)] = Import, [typeof(EGReopened)] = Import,
        [typeof(DossierOpened)] = Draft, [typeof(FicheDrafted)] = Draft, [typeof(FicheRemovalDrafted)] = Draft,
        [typeof(FicheFinalized)] = Finalization,
        [typeof(DossierSubmitted)] = Submission,
        [typeof(DossierAccepted)] = Validation,
        [typeof(DossierRejected)] = Rejection,
        [typeof(UOContentEdited)] = DirectEdit, [typeof(LieuContentEdited)] = DirectEdit,
        [typeof(EGOperationalNameChanged)] = DirectEdit, [typeof(EGDescriptionChanged)] = DirectEdit,
        [typeof(CapacityIndicatorAdded)] = Capacity, [typeof(CapacityIndicatorReplaced)] = Capacity,
        [typeof(CapacityIndicatorDeleted)] = Capacity, [typeof(OutdatedCapacityChangeRecorded)] = Capacity,
    };

    /// <summary>The kind of an event of this type: decided by the type alone.</summary>
    public static string Of(Type eventType) => KindOfType.GetValueOrDefault(eventType, Other);

    /// <summary>What an auditor needs beyond who and when; null members are not told.</summary>
    public static TimelineDetails DetailsOf(object data, string stream) => data switch
    {
        DossierOpened e => new() { DossierId = e.DossierId },
        FicheDrafted e => new() { DossierId = e.DossierId, Fiches = [e.Proposed.Id] },
        FicheRemovalDrafted e => new() { DossierId = e.DossierId, Fiches = [e.FicheId], Removal = true },
        FicheFinalized e => new() { DossierId = e.DossierId, Fiches = [e.FicheId] },
        DossierSubmitted e => new() { DossierId = e.DossierId },
        DossierAccepted e => new() { DossierId = e.DossierId, Reason = e.Reason, Fiches = [.. e.Changes.Select(c => c.FicheId)] },
        DossierRejected e => new() { DossierId = e.DossierId, Reason = e.Reason },
        EGClosed e => new() { Reason = e.Reason },
        UOContentEdited e => new() { Fiches = [e.UOId] },
        LieuContentEdited e => new() { Fiches = [e.LieuId] },
        CapacityIndicatorAdded e => CapacityDetails(stream, e.Indicator, e.RequestId, "add"),
        CapacityIndicatorReplaced e => CapacityDetails(stream, e.Indicator, e.RequestId, "replace"),
        CapacityIndicatorDeleted e => new() { Lieu = CapacityStreams.UnitOf(stream), Operation = "delete", CapacityStatus = e.Key.Status, RequestId = e.RequestId },
        OutdatedCapacityChangeRecorded e => CapacityDetails(stream, e.Indicator, e.RequestId, "outdated") with { CurrentSourceDate = e.CurrentSourceDate },
        _ => new(),
    };

    private static TimelineDetails CapacityDetails(string stream, CapacityIndicator indicator, string? requestId, string operation) => new()
    {
        Lieu = CapacityStreams.UnitOf(stream),
        Operation = operation,
        CapacityStatus = indicator.Key.Status,
        Count = indicator.Count,
        SourceDate = indicator.SourceDate,
        RequestId = requestId,
    };
}

/// <summary>The details of a timeline entry (see <see cref="TimelineKinds.DetailsOf"/>).</summary>
public sealed record TimelineDetails
{
    /// <summary>The dossier of a draft, finalization, submission or decision.</summary>
    public string? DossierId { get; init; }

    /// <summary>A decision's or a closure's reason.</summary>
    public string? Reason { get; init; }

    /// <summary>The fiches (units) the event touches: drafted, finalized, published by a decision, a UO edited.</summary>
    public string[]? Fiches { get; init; }

    /// <summary>True when the fiche is drafted for removal.</summary>
    public bool? Removal { get; init; }

    /// <summary>The lieu of a capacity change (its unit id: FINESS of the EG, "-", the lieu's fiche id).</summary>
    public string? Lieu { get; init; }

    /// <summary>add, replace, delete, or outdated (a replace older than the indicator's current source date, recorded, not applied).</summary>
    public string? Operation { get; init; }

    /// <summary>The indicator's capacity status (TRE_R330) and count.</summary>
    public string? CapacityStatus { get; init; }

    public int? Count { get; init; }

    /// <summary>The date the supplier's data refer to (capacityUpdateDate).</summary>
    public DateTimeOffset? SourceDate { get; init; }

    /// <summary>For an outdated change: the newer source date the indicator keeps.</summary>
    public DateTimeOffset? CurrentSourceDate { get; init; }

    /// <summary>The supplier's request (X-Request-Id or Bundle.identifier), when it gave one.</summary>
    public string? RequestId { get; init; }
}
