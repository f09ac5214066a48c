using Microsoft.Extensions.Caching.Memory;

namespace RorNational.Fhir.Access;

/// <summary>
/// The redacted renderings of current resources already served, per access profile: a profile
/// that hides part of a resource is served the same bytes at every read or search of that
/// version, so the JSON is parsed, walked and written once per (resource version, profile)
/// instead of at every request. The key names the resource, its version and its content hash
/// (the stored bytes), and the profile by its id and its configuration (the classes it hides): a
/// rendering is only ever served to the profile it was made for. A profile that hides nothing of
/// a resource is served the stored bytes and needs no entry.
/// Bounded by bytes, not by entries: the renderings are UTF-8, and at most
/// <see cref="CapacityBytes"/> of them are kept (a resource is 2 to 10 KB, so about 3,000 to
/// 16,000 renderings). Beyond, a tenth of them, those read least recently, are evicted
/// (MemoryCache's compaction), so the renderings read most stay. The host's GC heap is bounded
/// (200 MB): a bound by count let 20,000 renderings held as .NET strings (twice their UTF-8 size)
/// take up to 400 MB.
/// </summary>
public sealed class RedactedRenderings : IDisposable
{
    public const long CapacityBytes = 32L * 1024 * 1024;

    private readonly MemoryCache _renderings = new(new MemoryCacheOptions { SizeLimit = CapacityBytes, CompactionPercentage = 0.1, TrackStatistics = true });

    public int Count => _renderings.Count;

    /// <summary>The bytes of the renderings kept.</summary>
    public long Bytes => _renderings.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <param name="resource">Type, id, version and content hash of the stored resource: <see cref="KeyOf"/>.</param>
    public byte[] For(string resource, AccessProfile profile, Func<byte[]> render) =>
        _renderings.GetOrCreate((resource, profile), entry =>
        {
            var rendering = render();
            entry.Size = Math.Max(1, rendering.Length);
            return rendering;
        })!;

    public void Dispose() => _renderings.Dispose();

    public static string KeyOf(string type, string id, long version, string contentHash) => $"{type}/{id}/{version}/{contentHash}";
}
