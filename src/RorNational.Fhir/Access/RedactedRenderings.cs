using Microsoft.Extensions.Caching.Memory;

namespace RorNational.Fhir.Access;

/// <summary>
/// The redacted renderings of current resources already served, per access profile: a profile
/// that hides part of a resource is served the same bytes at every read of that version, so the
/// JSON is parsed, walked and written once per (resource version, profile) instead of at every
/// read. The key names the resource, its version and its content hash (the stored bytes), and
/// the profile by its id and its configuration (the classes it hides): a rendering is only ever
/// served to the profile it was made for. A profile that hides nothing of a resource is served
/// the stored bytes and needs no entry. Bounded: at <see cref="Capacity"/> renderings, a tenth
/// of them, those read least recently, are evicted (MemoryCache's compaction), so the renderings
/// read most stay.
/// </summary>
public sealed class RedactedRenderings : IDisposable
{
    public const int Capacity = 20_000;

    private readonly MemoryCache _renderings = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.1 });

    public int Count => _renderings.Count;

    /// <param name="resource">Type, id, version and content hash of the stored resource: <see cref="KeyOf"/>.</param>
    public string For(string resource, AccessProfile profile, Func<string> render) =>
        _renderings.GetOrCreate((resource, profile), entry =>
        {
            entry.Size = 1;
            return render();
        })!;

    public void Dispose() => _renderings.Dispose();

    public static string KeyOf(string type, string id, long version, string contentHash) => $"{type}/{id}/{version}/{contentHash}";
}
