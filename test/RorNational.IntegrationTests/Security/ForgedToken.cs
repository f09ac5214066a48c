using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RorNational.Security.Tokens;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// Tokens made by hand, independently of the server's issuer: right or wrong in exactly one
/// way (issuer, audience, key, kid, times, client).
/// </summary>
public sealed record ForgedToken
{
    public string ClientId { get; init; } = Infrastructure.TestClients.AllRights;
    public string Issuer { get; init; } = TokenSettings.DevelopmentIssuer;
    public string Audience { get; init; } = TokenSettings.DevelopmentAudience;
    /// <summary>The key signs, and its KeyId is the header's kid.</summary>
    public SecurityKey Key { get; init; } = SigningKey.Development.Key;
    public string Algorithm { get; init; } = SecurityAlgorithms.HmacSha256;

    public DateTime IssuedAt { get; init; } = DateTime.UtcNow;
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The raw <c>exp</c> claim, when it must be other than IssuedAt + Lifetime (e.g. a string).</summary>
    public object? RawExpiry { get; init; }

    /// <summary>Header parameters added to alg, kid and typ (e.g. <c>crit</c>).</summary>
    public Dictionary<string, object> Header { get; init; } = [];

    public string Sign()
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = IssuedAt,
            NotBefore = IssuedAt,
            Expires = RawExpiry is null ? IssuedAt + Lifetime : null,
            Claims = RawExpiry is null
                ? new Dictionary<string, object> { ["client_id"] = ClientId, ["sub"] = ClientId }
                : new Dictionary<string, object> { ["client_id"] = ClientId, ["sub"] = ClientId, ["exp"] = RawExpiry },
            AdditionalHeaderClaims = Header,
            SigningCredentials = new SigningCredentials(Key, Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The development key's secret under another kid.</summary>
    public static SecurityKey DevelopmentSecretAs(string keyId) =>
        new SymmetricSecurityKey(((SymmetricSecurityKey)SigningKey.Development.Key).Key) { KeyId = keyId };

    /// <summary>An HS256 key of 32 random bytes, as configured in Authentication:SigningKeys (Key in base64).</summary>
    public static (SymmetricSecurityKey Key, string Base64) NewSecret(string keyId)
    {
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        return (new SymmetricSecurityKey(secret) { KeyId = keyId }, Convert.ToBase64String(secret));
    }
}
