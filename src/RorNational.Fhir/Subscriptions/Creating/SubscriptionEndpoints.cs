using Marten;
using Microsoft.AspNetCore.Http;
using RorNational.Domain.Common;
using RorNational.Fhir.Access;
using RorNational.Fhir.Http;
using RorNational.Fhir.Subscriptions.Delivery;
using RorNational.Fhir.Subscriptions.Rendering;
using RorNational.Fhir.Subscriptions.Storage;
using RorNational.Fhir.Subscriptions.Topics;
using RorNational.Security.Callers;
using RorNational.Security.Http;
using Wolverine.Http;

namespace RorNational.Fhir.Subscriptions.Creating;

/// <summary>
/// Create, read and delete Subscriptions. Any registered client may subscribe (anonymous: 401);
/// a client sees and deletes only its own (another's answers 404, as one that does not exist).
/// A created Subscription is <c>requested</c> until its handshake is answered.
/// </summary>
public static class SubscriptionEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    [WolverinePost("/fhir/Subscription")]
    public static async Task Create(HttpContext context, IDocumentStore store, FilterCriteria filters, AccessProfiles profiles, DeliverySignal signal)
    {
        var caller = Subscriber(context);
        var request = context.Request;
        // The answer's format is settled first: a 406 comes before anything is stored.
        var format = FhirFormat.Of(request);
        if (request.ContentType is not { } type || !(type.StartsWith(FhirJson.MediaType, StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
            throw new HttpRefusal(HttpRefusalKind.UnsupportedMediaType, "send the Subscription as application/fhir+json");
        if (request.ContentLength > MaxBodyBytes) throw new HttpRefusal(HttpRefusalKind.PayloadTooLarge, $"a Subscription takes at most {MaxBodyBytes} bytes");
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        if (body.Length > MaxBodyBytes) throw new HttpRefusal(HttpRefusalKind.PayloadTooLarge, $"a Subscription takes at most {MaxBodyBytes} bytes");

        var subscription = SubscriptionRequest.Read(body, filters);
        var profile = profiles.Of(caller.Profile);
        if (subscription.Topic == SubscriptionTopics.LocationCapacity.Code && profile.Hides(DataClass.Capacity))
            throw new HttpRefusal(HttpRefusalKind.Forbidden, $"the access profile {profile.Code} does not see capacity: topic {subscription.Topic} is not offered to it");
        subscription.Id = Guid.NewGuid().ToString("N");
        subscription.ClientId = caller.Client!.Id;
        subscription.FhirBase = FhirBase(request);
        subscription.Created = DateTimeOffset.UtcNow;
        await using var session = store.LightweightSession();
        subscription.StartSequence = (await session.QueryAsync<long>(
            $"select coalesce(max(seq_id), 0) from {store.Options.DatabaseSchemaName}.mt_events", context.RequestAborted)).Single();
        var state = new DeliveryState { Id = subscription.Id };
        session.Store(subscription);
        session.Store(state);
        await session.SaveChangesAsync(context.RequestAborted);
        signal.Pulse();
        context.Response.Headers.Location = $"{subscription.FhirBase}/Subscription/{subscription.Id}";
        await FhirOutput.WriteAsync(context, StatusCodes.Status201Created, SubscriptionRendering.Write(subscription, state), format);
    }

    [WolverineGet("/fhir/Subscription/{id}")]
    public static async Task Read(string id, HttpContext context, IQuerySession session)
    {
        var subscription = await OwnAsync(id, context, session);
        var state = await session.LoadAsync<DeliveryState>(id, context.RequestAborted);
        await FhirOutput.WriteAsync(context, StatusCodes.Status200OK, SubscriptionRendering.Write(subscription, state), FhirFormat.Of(context.Request));
    }

    [WolverineDelete("/fhir/Subscription/{id}")]
    public static async Task Delete(string id, HttpContext context, IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        await OwnAsync(id, context, session);
        session.Delete<TopicSubscription>(id);
        session.Delete<DeliveryState>(id);
        session.Delete<EventCounter>(id);
        session.DeleteWhere<NotificationEvent>(e => e.SubscriptionId == id);
        await session.SaveChangesAsync(context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The caller's own Subscription of this id; anyone else's answers 404, as one that does not exist.</summary>
    public static async Task<TopicSubscription> OwnAsync(string id, HttpContext context, IQuerySession session)
    {
        var caller = Subscriber(context);
        var subscription = await session.LoadAsync<TopicSubscription>(id, context.RequestAborted);
        return subscription is not null && subscription.ClientId == caller.Client!.Id
            ? subscription
            : throw CommandRejected.Because(RejectionKind.NotFound, $"Subscription/{id} is not known");
    }

    /// <summary>Subscriptions belong to registered clients: an anonymous caller is refused (401).</summary>
    private static Caller Subscriber(HttpContext context)
    {
        var caller = Callers.Of(context);
        return caller.IsAnonymous
            ? throw new HttpRefusal(HttpRefusalKind.Unauthorized, "Subscriptions belong to registered clients: send a bearer token")
            : caller;
    }

    public static string FhirBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
}
