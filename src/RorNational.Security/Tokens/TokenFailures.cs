using Microsoft.IdentityModel.Tokens;

namespace RorNational.Security.Tokens;

/// <summary>Why a token was refused, in a few words for the error_description of the 401 (RFC 6750).</summary>
public static class TokenFailures
{
    public static string Describe(Exception? failure) => failure switch
    {
        TokenRefusedException refused => refused.Message,
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidIssuerException => "the token's issuer is not trusted",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenSignatureKeyNotFoundException => "no signing key has the token's kid and alg",
        SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        SecurityTokenMalformedException or ArgumentException => "the token is malformed",
        _ => "the token is invalid",
    };
}
