using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using RorNational.Fhir.Subscriptions.Creating;
using RorNational.Fhir.Subscriptions.Rendering;
using RorNational.Fhir.Subscriptions.Storage;
using Wolverine.Http;

namespace RorNational.Fhir.Subscriptions.Status;

/// <summary>
/// How a subscriber recovers (backport IG): <c>$status</c> says the status and how many events
/// there have been (a gap in the numbers received, or a missed heartbeat, shows what was lost);
/// <c>$events</c> gives the events between two numbers again, shaped as their notification was
/// (at most <see cref="MaxEvents"/> at once), from the rows kept in PostgreSQL.
/// </summary>
public static class StatusEndpoints
{
    public const int MaxEvents = 100;

    [WolverineGet("/fhir/Subscription/{id}/$status")]
    public static async Task Status(string id, HttpContext context, IQuerySession session)
    {
        var subscription = await SubscriptionEndpoints.OwnAsync(id, context, session);
        var state = await session.LoadAsync<DeliveryState>(id, context.RequestAborted);
        var count = (await session.LoadAsync<EventCounter>(id, context.RequestAborted))?.Count ?? 0;
        var bundle = NotificationBundle.Write(subscription, state?.Status ?? SubscriptionStatuses.Requested, "query-status", count, [], null, "searchset");
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, bundle, FhirFormat.Of(context.Request));
    }

    [WolverineGet("/fhir/Subscription/{id}/$events")]
    public static async Task Events(string id, HttpContext context, IQuerySession session, AccessProfiles profiles)
    {
        var subscription = await SubscriptionEndpoints.OwnAsync(id, context, session);
        var since = Number(context.Request, "eventsSinceNumber") ?? 1;
        var until = Number(context.Request, "eventsUntilNumber") ?? long.MaxValue;
        var state = await session.LoadAsync<DeliveryState>(id, context.RequestAborted);
        var count = (await session.LoadAsync<EventCounter>(id, context.RequestAborted))?.Count ?? 0;
        var events = await session.Query<NotificationEvent>()
            .Where(e => e.SubscriptionId == id && e.Number >= since && e.Number <= until)
            .OrderBy(e => e.Number).Take(MaxEvents).ToListAsync(context.RequestAborted);
        var resources = subscription.PayloadContent == PayloadContents.FullResource && events.Count > 0
            ? await NotificationResources.LoadAsync(session, events.SelectMany(e => e.AdditionalContext.Prepend(e.Focus)), profiles.For(context), context.RequestAborted)
            : null;
        var bundle = NotificationBundle.Write(subscription, state?.Status ?? SubscriptionStatuses.Requested, "query-event", count, events, resources);
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, bundle, FhirFormat.Of(context.Request));
    }

    private static long? Number(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values)) return null;
        return values.Count == 1 && long.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw CommandRejected.Because(RejectionKind.Invalid, $"{name} takes one event number (1 or more)", name);
    }
}
