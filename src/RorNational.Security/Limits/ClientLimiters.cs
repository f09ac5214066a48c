using System.Collections.Concurrent;
using RorNational.Security.Callers;
using RorNational.Security.Clients;

namespace RorNational.Security.Limits;

/// <summary>
/// The limiters of every caller, per kind of route: one set per registered client, built at its
/// first request, and one set shared by all anonymous callers. A lookup is a dictionary read by
/// client id and an array index, without allocation. When the clients file changes, the registry
/// holds new registrations: a client's set is then built again at its next request, keeping the
/// limiters (and what they have counted) of the kinds whose limit did not change.
/// </summary>
public sealed class ClientLimiters(LimitSettings settings) : IDisposable
{
    private readonly ConcurrentDictionary<string, LimiterSet> _clients = new(StringComparer.Ordinal);
    private readonly LimiterSet _anonymous = LimiterSet.Anonymous(settings);

    private static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);

    /// <summary>The limiter of this caller on this kind of route; null: unlimited.</summary>
    public KindLimiter? For(Caller caller, RouteKind kind)
    {
        if (caller.Client is not { } client) return _anonymous[kind];
        if (!_clients.TryGetValue(client.Id, out var set) || !ReferenceEquals(set.Registration, client))
            set = Rebuild(client, set);
        return set[kind];
    }

    private LimiterSet Rebuild(ClientRegistration client, LimiterSet? previous)
    {
        lock (_clients)
        {
            if (_clients.TryGetValue(client.Id, out var current) && ReferenceEquals(current.Registration, client)) return current;
            var next = LimiterSet.Of(client, settings, current ?? previous);
            _clients[client.Id] = next;
            // A request may still be entering an old limiter: they are disposed a little later.
            if (current is not null) _ = Task.Delay(RetireAfter).ContinueWith(_ => current.DisposeAllBut(next), TaskScheduler.Default);
            return next;
        }
    }

    public void Dispose()
    {
        foreach (var set in _clients.Values) set.DisposeAllBut(null);
        _anonymous.DisposeAllBut(null);
    }

    private sealed class LimiterSet(ClientRegistration? registration, KindLimiter?[] limiters)
    {
        public ClientRegistration? Registration { get; } = registration;

        public KindLimiter? this[RouteKind kind] => limiters[(int)kind];

        public static LimiterSet Anonymous(LimitSettings settings) => new(null,
            Enum.GetValues<RouteKind>().Select(kind => settings.OfAnonymous(kind) is { } limit
                ? new KindLimiter("anonymous callers (together)", kind, limit) : null).ToArray());

        public static LimiterSet Of(ClientRegistration client, LimitSettings settings, LimiterSet? previous) => new(client,
            Enum.GetValues<RouteKind>().Select(kind => settings.Of(client.Limits, kind) is { } limit
                ? previous?[kind] is { } kept && kept.Limit == limit ? kept : new KindLimiter($"client '{client.Id}'", kind, limit)
                : null).ToArray());

        public void DisposeAllBut(LimiterSet? next)
        {
            foreach (var limiter in limiters)
                if (limiter is not null && !ReferenceEquals(next?[limiter.Kind], limiter)) limiter.Dispose();
        }
    }
}
