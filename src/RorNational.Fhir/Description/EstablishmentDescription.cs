using Marten;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments;
using RorNational.Fhir.Publishing;

namespace RorNational.Fhir.Description;

/// <summary>
/// What the repository published of one EG as of an instant: the EG's Organization, its EJ's,
/// its pôles, services and UF, its UO, the PractitionerRoles of its UO and its lieux with their
/// capacity, each in the version it had then (<see cref="ReplayedVersion"/>), rebuilt by
/// replaying the events up to the instant's cut on the global sequence (<see cref="DescriptionEvents"/>).
/// </summary>
public sealed record EstablishmentDescription(DateTimeOffset At, long Cut, IReadOnlyList<ReplayedVersion> Resources)
{
    private static readonly string[] TypeOrder = ["Organization", "HealthcareService", "PractitionerRole", "Location"];

    /// <summary>The description; 404 for an id that is no EG, or an EG not published at that instant.</summary>
    public static async Task<EstablishmentDescription> AsOfAsync(
        IQuerySession session, EstablishmentRendering rendering, string egId, DateTimeOffset at, CancellationToken cancellation)
    {
        var finess = EstablishmentIds.FinessOfEG(egId) ?? throw NotPublished(egId, at);
        await using var events = await DescriptionEvents.OfEGAsync(session, finess, cancellation);
        var cut = await events.CutAtAsync(at, cancellation) ?? throw NotPublished(egId, at);
        var replay = new DescriptionReplay(rendering);
        await replay.ReplayAsync(events.UpTo(cut, cancellation));
        if (replay.StateOf(egId) is not { EG: { } eg } state || !state.Published.Contains("Organization/" + egId)) throw NotPublished(egId, at);

        var ej = EstablishmentIds.EJ(eg.Data.EJFiness);
        await replay.ReplayAsync(events.OfStream(ej, cut, cancellation));
        var keys = state.Published.Concat(replay.StateOf(ej)?.Published ?? []).ToHashSet();
        var resources = replay.Resources.Current
            .Where(r => !r.Retired && keys.Contains(r.Key))
            .OrderBy(r => r.Id == egId ? 0 : r.Id == ej ? 1 : 2)
            .ThenBy(r => Array.IndexOf(TypeOrder, r.Type))
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return new EstablishmentDescription(at, cut, resources);
    }

    private static CommandRejected NotPublished(string egId, DateTimeOffset at) =>
        CommandRejected.Because(RejectionKind.NotFound, $"Organization/{egId} is no EG published at {at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
}
