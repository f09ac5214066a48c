using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RorNational.Security.Clients;

namespace RorNational.Security.Tokens;

/// <summary>
/// Mints bearer tokens for registered clients, for development and tests (<c>build/token</c>,
/// the test fixtures): with the development key, or with the configured key named by
/// <c>Authentication:IssuingKeyId</c>. Production clients get their tokens from the
/// deployment's own authorization server, signed with a key configured here.
/// </summary>
/// <remarks>Token times are wall-clock times (UTC now), as when they are checked, never the business clock.</remarks>
public sealed class TokenIssuer(ClientRegistry clients, TokenSettings settings)
{
    /// <summary>The claim that names the client (also in <c>sub</c>).</summary>
    public const string ClientIdClaim = "client_id";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issue(string clientId, TimeSpan? lifetime = null)
    {
        var client = clients.Find(clientId)
            ?? throw new InvalidOperationException($"no client '{clientId}' is registered (see Clients, or the file named by Access:ClientsFile)");
        var key = settings.IssuingKey
            ?? throw new InvalidOperationException(
                $"this server issues no tokens: set {TokenSettings.Section}:IssuingKeyId to a signing key configured with its Key or PrivateKeyPem");
        var validFor = lifetime ?? settings.DefaultLifetime;
        if (validFor <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "a token's lifetime must be positive");
        if (validFor > settings.MaxLifetime)
            throw new InvalidOperationException($"a token may live at most {settings.MaxLifetime.TotalMinutes:0.##} minutes ({TokenSettings.Section}:MaxTokenLifetimeMinutes)");
        var now = DateTime.UtcNow;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + validFor,
            Claims = new Dictionary<string, object>
            {
                [ClientIdClaim] = client.Id,
                [JwtRegisteredClaimNames.Sub] = client.Id,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = key.Credentials(),
        });
    }
}
