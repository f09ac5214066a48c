using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RorNational.Security.Tokens;

/// <summary>A token refused for its shape, once its signature, issuer, audience and times have been checked.</summary>
public sealed class TokenRefusedException(string reason) : SecurityTokenValidationException(reason);

/// <summary>
/// What a well-formed token of ours looks like beyond what the JWT handler checks: a numeric
/// <c>exp</c> (RFC 7519 NumericDate; the handler also reads a string), a lifetime no longer
/// than <c>Authentication:MaxTokenLifetimeMinutes</c> (an <c>exp</c> in year 9999 is a
/// credential that never expires), and no <c>crit</c> header (RFC 7515 §4.1.11: it names
/// extensions the server must understand, and this server understands none).
/// </summary>
public static class TokenShape
{
    /// <summary>Why this token is refused, or null.</summary>
    public static string? Fault(JsonWebToken token, TimeSpan maxLifetime, DateTime now)
    {
        if (token.TryGetHeaderValue<object>("crit", out _)) return "the token's crit header names extensions this server does not understand";
        if (NonNumericTime(token) is { } time) return $"the token's {time} is not a number of seconds (NumericDate)";
        var longest = maxLifetime + TokenSettings.ClockSkew;
        var tooLong = token.ValidTo - now > longest
                      || (token.TryGetClaim(JwtRegisteredClaimNames.Iat, out _) && token.ValidTo - token.IssuedAt > longest);
        return tooLong ? $"the token's lifetime exceeds the maximum of {maxLifetime.TotalMinutes:0.##} minutes" : null;
    }

    /// <summary>The JWT handler reads a time given as a string of digits as a number: the payload itself is looked at.</summary>
    private static string? NonNumericTime(JsonWebToken token)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        foreach (var time in new[] { JwtRegisteredClaimNames.Exp, JwtRegisteredClaimNames.Iat, JwtRegisteredClaimNames.Nbf })
            if (payload.RootElement.TryGetProperty(time, out var value) && value.ValueKind != JsonValueKind.Number)
                return time;
        return null;
    }
}
