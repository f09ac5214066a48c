using RorNational.Fhir.Access;
using RorNational.Security.Clients;

namespace RorNational.Fhir.Subscriptions.Storage;

/// <summary>
/// The access profile a subscription's notifications are matched and rendered for: its client's
/// profile now, as the clients file says, never the one it had when it subscribed (a profile
/// lowered since must not go on receiving what it no longer sees). Null when the client is no
/// longer registered: nothing is matched or delivered for it.
/// </summary>
public sealed class SubscriberProfiles(ClientRegistry clients, AccessProfiles profiles)
{
    public AccessProfile? Of(TopicSubscription subscription) =>
        clients.Find(subscription.ClientId) is { } client && profiles.Contains(client.Profile) ? profiles.Of(client.Profile) : null;
}
