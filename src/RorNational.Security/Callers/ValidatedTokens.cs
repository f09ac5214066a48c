using System.Collections.Concurrent;
using System.Security.Claims;
using RorNational.Security.Tokens;

namespace RorNational.Security.Callers;

/// <summary>
/// The bearer tokens this node has already validated (signature, issuer, audience, times,
/// shape), each kept until it expires: a client sends the same token with every request, and
/// checking its signature again (an RSA or ECDSA verification, a JSON parse of the payload)
/// costs more than the read it authorizes. Only what never changes for a given token string is
/// kept: its claims and its expiry. Who the client is and which profile it reads with are looked
/// up in the <see cref="Clients.ClientRegistry"/> at every request, so a client removed from the
/// clients file is refused, and a changed profile applies, at its very next request. The signing
/// keys are read once at start-up: removing one takes a restart, which empties this cache. A
/// refused token is never kept. Bounded: past <see cref="Capacity"/> tokens, the expired ones
/// are dropped, then all if that was not enough (they are validated again when they come back).
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock)
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, Validated> _tokens = new(StringComparer.Ordinal);

    private sealed record Validated(ClaimsPrincipal Principal, DateTimeOffset Until);

    public int Count => _tokens.Count;

    /// <summary>The claims of a token validated before and not expired since, or null.</summary>
    public ClaimsPrincipal? Find(string token)
    {
        if (!_tokens.TryGetValue(token, out var validated)) return null;
        if (clock.GetUtcNow() < validated.Until) return validated.Principal;
        _tokens.TryRemove(token, out _);
        return null;
    }

    /// <summary>Keeps a token the JWT handler has just accepted, until its expiry (with the handler's clock skew: it accepts it that long).</summary>
    public void Keep(string token, ClaimsPrincipal principal, DateTimeOffset expires)
    {
        if (_tokens.Count >= Capacity) Prune();
        _tokens[token] = new Validated(principal, expires + TokenSettings.ClockSkew);
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (token, validated) in _tokens)
            if (validated.Until <= now) _tokens.TryRemove(token, out _);
        if (_tokens.Count >= Capacity) _tokens.Clear();
    }
}
