using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using RorNational.IntegrationTests.Security;
using RorNational.Security.Tokens;

namespace RorNational.HostileInput.Tests.Requests;

/// <summary>Authorization headers that must authenticate nobody: each wrong in one way.</summary>
public static class BadTokens
{
    public static IReadOnlyList<string> All()
    {
        var now = DateTime.UtcNow;
        var valid = new ForgedToken();
        string[] tokens =
        [
            (valid with { IssuedAt = now.AddHours(-3) }).Sign(),
            (valid with { Key = ForgedToken.NewSecret(SigningKey.DevelopmentKeyId).Key }).Sign(),
            (valid with { Key = ForgedToken.DevelopmentSecretAs("unknown-kid") }).Sign(),
            (valid with { Audience = "someone-else" }).Sign(),
            (valid with { Issuer = "https://attacker.example" }).Sign(),
            (valid with { ClientId = "no-such-client" }).Sign(),
            (valid with { IssuedAt = now.AddHours(1) }).Sign(),
            (valid with { Lifetime = new DateTime(9999, 12, 30, 0, 0, 0, DateTimeKind.Utc) - now }).Sign(),
            Handmade(new() { ["alg"] = "none", ["typ"] = "JWT" }, Payload(now, now.AddMinutes(5)), sign: false),
            Handmade(new() { ["alg"] = "HS256", ["kid"] = SigningKey.DevelopmentKeyId, ["crit"] = new[] { "x-unknown" }, ["x-unknown"] = 1 },
                Payload(now, now.AddMinutes(5)), sign: true),
            Handmade(new() { ["alg"] = "HS256", ["kid"] = SigningKey.DevelopmentKeyId },
                Payload(now, now.AddMinutes(5)).Replace("\"exp\":", "\"exp\":\"") .Replace(",\"iat\"", "\",\"iat\""), sign: true),
        ];
        return
        [
            .. tokens.Select(t => "Bearer " + t),
            "Bearer", "Bearer ", "Bearer garbage", "Bearer a.b.c", "Bearer e30.e30.", "Basic dGVzdDp0ZXN0",
            "Bearer " + new string('A', 12_000), "bearer\t" + tokens[0], "Bearer " + tokens[0] + "x",
        ];
    }

    private static string Payload(DateTime issued, DateTime expires) =>
        $"{{\"iss\":\"{TokenSettings.DevelopmentIssuer}\",\"aud\":\"{TokenSettings.DevelopmentAudience}\",\"client_id\":\"test-all-rights\",\"sub\":\"test-all-rights\",\"exp\":{new DateTimeOffset(expires).ToUnixTimeSeconds()},\"iat\":{new DateTimeOffset(issued).ToUnixTimeSeconds()},\"nbf\":{new DateTimeOffset(issued).ToUnixTimeSeconds()}}}";

    /// <summary>A JWT written by hand, signed with the development key when asked (so only its one fault is wrong).</summary>
    private static string Handmade(Dictionary<string, object> header, string payload, bool sign)
    {
        var unsigned = Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(header)) + "." + Base64UrlEncoder.Encode(payload);
        if (!sign) return unsigned + ".";
        var secret = ((SymmetricSecurityKey)SigningKey.Development.Key).Key;
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64UrlEncoder.Encode(signature);
    }
}
