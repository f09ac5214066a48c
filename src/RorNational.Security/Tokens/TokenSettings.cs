using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RorNational.Security.Tokens;

/// <summary>
/// How bearer tokens are checked and issued, from the configuration section
/// <c>Authentication</c>: issuer, audience, the keys tokens may be signed with (several at
/// once while one replaces another; the token's <c>kid</c> picks one), and the key this
/// server issues tokens with, if any.
/// </summary>
/// <remarks>
/// The built-in development key is used only when no key is configured, and then only under
/// <see cref="DevelopmentKeyRule"/> (Development, loopback only); anywhere else a missing key
/// stops the start-up. Tokens live at most <c>MaxTokenLifetimeMinutes</c> (24 h by default).
/// </remarks>
public sealed record TokenSettings(
    string Issuer, string Audience, IReadOnlyList<SigningKey> Keys, SigningKey? IssuingKey, TimeSpan DefaultLifetime, TimeSpan MaxLifetime)
{
    public const string Section = "Authentication";
    public const string DevelopmentIssuer = "rornational-development";
    public const string DevelopmentAudience = "rornational";

    /// <summary>How far apart the issuer's clock and ours may be.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public bool UsesDevelopmentKey => Keys is [{ KeyId: SigningKey.DevelopmentKeyId }];

    /// <summary>
    /// The key a token is checked with: the one its header's <c>kid</c> names, if the header's
    /// <c>alg</c> is that key's algorithm. No other key is ever tried.
    /// </summary>
    public IEnumerable<SigningKey> KeysFor(string? keyId, string? algorithm) =>
        Keys.Where(key => key.KeyId == keyId && key.Algorithm == algorithm);

    private sealed record Configured
    {
        public string? Issuer { get; init; }
        public string? Audience { get; init; }
        public List<SigningKeySettings> SigningKeys { get; init; } = [];
        public bool UseDevelopmentKey { get; init; }
        public string? IssuingKeyId { get; init; }
        public double TokenLifetimeMinutes { get; init; } = 60;
        public double MaxTokenLifetimeMinutes { get; init; } = 24 * 60;
    }

    public static TokenSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetSection(Section).Get<Configured>() ?? new Configured();
        if (configured.TokenLifetimeMinutes <= 0) throw Invalid("TokenLifetimeMinutes must be positive");
        if (configured.MaxTokenLifetimeMinutes <= 0) throw Invalid("MaxTokenLifetimeMinutes must be positive");
        if (configured.TokenLifetimeMinutes > configured.MaxTokenLifetimeMinutes)
            throw Invalid($"TokenLifetimeMinutes ({configured.TokenLifetimeMinutes}) exceeds MaxTokenLifetimeMinutes ({configured.MaxTokenLifetimeMinutes})");
        var lifetime = TimeSpan.FromMinutes(configured.TokenLifetimeMinutes);
        var maxLifetime = TimeSpan.FromMinutes(configured.MaxTokenLifetimeMinutes);
        if (configured.SigningKeys.Count == 0)
        {
            if (!DevelopmentKeyRule.AllowsEnvironment(environment))
                throw Invalid(configured.UseDevelopmentKey
                    ? $"UseDevelopmentKey is refused in the environment '{environment.EnvironmentName}': the development key's secret is public, " +
                      "so it is accepted only in Development, on a host bound to loopback addresses only. Configure " +
                      $"{Section}:SigningKeys (see README, \"Clients, tokens and access\")"
                    : $"no signing key is configured. Set {Section}:SigningKeys (see README, \"Clients, tokens and access\"); " +
                      "the built-in development key is accepted only in the Development environment, on loopback addresses");
            if (configured.IssuingKeyId is { } other && other != SigningKey.DevelopmentKeyId)
                throw Invalid($"IssuingKeyId '{other}' names no configured signing key");
            return new TokenSettings(configured.Issuer ?? DevelopmentIssuer, configured.Audience ?? DevelopmentAudience,
                [SigningKey.Development], SigningKey.Development, lifetime, maxLifetime);
        }

        var keys = configured.SigningKeys.Select(SigningKey.From).ToList();
        if (keys.GroupBy(key => key.KeyId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw Invalid($"SigningKeys: the KeyId '{twice.Key}' is used twice");
        if (string.IsNullOrWhiteSpace(configured.Issuer) || string.IsNullOrWhiteSpace(configured.Audience))
            throw Invalid("Issuer and Audience must be set where signing keys are configured");
        SigningKey? issuing = null;
        if (configured.IssuingKeyId is { } issuingId)
        {
            issuing = keys.FirstOrDefault(key => key.KeyId == issuingId) ?? throw Invalid($"IssuingKeyId '{issuingId}' names no configured signing key");
            if (!issuing.CanSign) throw Invalid($"IssuingKeyId '{issuingId}' names a key without its secret or private key");
        }
        return new TokenSettings(configured.Issuer, configured.Audience, keys, issuing, lifetime, maxLifetime);
    }

    private static InvalidOperationException Invalid(string message) => new($"{Section}: {message}.");
}
