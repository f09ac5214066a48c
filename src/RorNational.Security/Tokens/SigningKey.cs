using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace RorNational.Security.Tokens;

/// <summary>One entry of <c>Authentication:SigningKeys</c>, as configured.</summary>
public sealed record SigningKeySettings
{
    /// <summary>The <c>kid</c> that tokens signed with this key carry in their header.</summary>
    public string KeyId { get; init; } = "";

    /// <summary>HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512.</summary>
    public string Algorithm { get; init; } = "";

    /// <summary>The shared secret of an HS* key, in base64 (at least 32 bytes).</summary>
    public string? Key { get; init; }

    /// <summary>The public key of an RS*, PS* or ES* key, PEM-encoded: enough to check tokens.</summary>
    public string? PublicKeyPem { get; init; }

    /// <summary>The private key of an RS*, PS* or ES* key, PEM-encoded: only where this server issues tokens with it.</summary>
    public string? PrivateKeyPem { get; init; }
}

/// <summary>A key tokens may be signed with: checks them, and signs them when its secret or private key is known.</summary>
public sealed record SigningKey(string KeyId, string Algorithm, SecurityKey Key, bool CanSign)
{
    public const string DevelopmentKeyId = "dev";

    /// <summary>
    /// The built-in development key. Its secret is in the source code, so anyone can mint
    /// tokens with it: it is never accepted where signing keys are configured.
    /// </summary>
    public static SigningKey Development { get; } = new(DevelopmentKeyId, SecurityAlgorithms.HmacSha256,
        new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes("RorNational development signing key: public, never for production")))
            { KeyId = DevelopmentKeyId },
        CanSign: true);

    private static readonly string[] Algorithms =
        ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    public SigningCredentials Credentials() => CanSign
        ? new SigningCredentials(Key, Algorithm)
        : throw new InvalidOperationException($"the signing key '{KeyId}' has no secret or private key here: it can only check tokens");

    /// <summary>Reads a configured key; a missing or malformed part is an error naming the key.</summary>
    public static SigningKey From(SigningKeySettings settings)
    {
        var name = string.IsNullOrWhiteSpace(settings.KeyId) ? "a signing key" : $"signing key '{settings.KeyId}'";
        if (string.IsNullOrWhiteSpace(settings.KeyId)) throw Invalid($"{name} has no KeyId");
        if (settings.KeyId == DevelopmentKeyId) throw Invalid($"{name}: the KeyId \"{DevelopmentKeyId}\" is the built-in development key's");
        var algorithm = Algorithms.FirstOrDefault(a => a.Equals(settings.Algorithm, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid($"{name}: Algorithm '{settings.Algorithm}' is not one of {string.Join(", ", Algorithms)}");
        try
        {
            return algorithm[..2] switch
            {
                "HS" => Symmetric(settings, algorithm, name),
                "ES" => Asymmetric(settings, algorithm, name, pem => { var ec = ECDsa.Create(); ec.ImportFromPem(pem); return new ECDsaSecurityKey(ec); }),
                _ => Asymmetric(settings, algorithm, name, pem => { var rsa = RSA.Create(); rsa.ImportFromPem(pem); return new RsaSecurityKey(rsa); }),
            };
        }
        catch (Exception malformed) when (malformed is FormatException or ArgumentException or CryptographicException)
        {
            throw Invalid($"{name}: its key material cannot be read ({malformed.Message})");
        }
    }

    private static SigningKey Symmetric(SigningKeySettings settings, string algorithm, string name)
    {
        if (string.IsNullOrWhiteSpace(settings.Key)) throw Invalid($"{name}: an {algorithm} key needs Key, its secret in base64");
        var secret = Convert.FromBase64String(settings.Key);
        if (secret.Length < 32) throw Invalid($"{name}: the secret is {secret.Length} bytes long, at least 32 are needed");
        return new SigningKey(settings.KeyId, algorithm, new SymmetricSecurityKey(secret) { KeyId = settings.KeyId }, CanSign: true);
    }

    private static SigningKey Asymmetric(SigningKeySettings settings, string algorithm, string name, Func<string, AsymmetricSecurityKey> read)
    {
        var pem = settings.PrivateKeyPem ?? settings.PublicKeyPem;
        if (string.IsNullOrWhiteSpace(pem)) throw Invalid($"{name}: an {algorithm} key needs PublicKeyPem (or PrivateKeyPem to issue tokens)");
        var key = read(pem);
        key.KeyId = settings.KeyId;
        return new SigningKey(settings.KeyId, algorithm, key, CanSign: settings.PrivateKeyPem is not null);
    }

    private static InvalidOperationException Invalid(string message) =>
        new($"{TokenSettings.Section}:SigningKeys: {message}.");
}
