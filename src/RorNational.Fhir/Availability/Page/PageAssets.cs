using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace RorNational.Fhir.Availability.Page;

/// <summary>
/// The files of the availability page, embedded in this assembly (Page/wwwroot/* as they are,
/// and map.json, extracted by the build from the npm packages of build/availability-map; see
/// AvailabilityPage.targets), read once with a strong ETag each. Nothing else is served.
/// </summary>
public sealed class PageAssets
{
    public sealed record Asset(string Name, string ContentType, byte[] Content, string ETag);

    private const string Prefix = "availability/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    public static readonly PageAssets Embedded = Load(typeof(PageAssets).Assembly);

    private readonly FrozenDictionary<string, Asset> _assets;

    private PageAssets(FrozenDictionary<string, Asset> assets) => _assets = assets;

    /// <summary>The page itself, served at /availability.</summary>
    public Asset Page => Find("availability.html") ?? throw new InvalidOperationException("the availability page is not embedded");

    /// <summary>A file the page loads (/availability/{name}), or null for any other name.</summary>
    public Asset? Find(string name) => _assets.GetValueOrDefault(name);

    private static PageAssets Load(Assembly assembly)
    {
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"";
            assets[name] = new Asset(name, contentType, content, etag);
        }
        return new PageAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
