using System.Collections.Concurrent;

namespace RorNational.Fhir.Access;

/// <summary>
/// The redacted renderings of current resources already served, per access profile: a profile
/// that hides part of a resource is served the same bytes at every read of that version, so the
/// JSON is parsed, walked and written once per (resource version, profile) instead of at every
/// read. The key names the resource, its version and its content hash (the stored bytes), and
/// the profile by its id and its configuration (the classes it hides): a rendering is only ever
/// served to the profile it was made for. A profile that hides nothing of a resource is served
/// the stored bytes and needs no entry. Bounded: past <see cref="Capacity"/> renderings, all are
/// dropped and made again as they are read.
/// </summary>
public sealed class RedactedRenderings
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(string Resource, AccessProfile Profile), string> _renderings = new();

    public int Count => _renderings.Count;

    /// <param name="resource">Type, id, version and content hash of the stored resource: <see cref="KeyOf"/>.</param>
    public string For(string resource, AccessProfile profile, Func<string> render)
    {
        if (_renderings.TryGetValue((resource, profile), out var rendered)) return rendered;
        if (_renderings.Count >= Capacity) _renderings.Clear();
        return _renderings.GetOrAdd((resource, profile), _ => render());
    }

    public static string KeyOf(string type, string id, long version, string contentHash) => $"{type}/{id}/{version}/{contentHash}";
}
