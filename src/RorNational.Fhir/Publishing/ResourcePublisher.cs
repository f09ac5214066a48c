using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing;

/// <summary>
/// Stores rendered resources whose content changed (new version, new lastUpdated), leaves the
/// others untouched, and retires those no longer rendered.
/// </summary>
public static class ResourcePublisher
{
    public static async Task PublishAsync(
        IDocumentOperations operations, PublicationState state, IReadOnlyList<DomainResource> resources,
        DateTimeOffset at, CancellationToken cancellation)
    {
        var lastUpdated = RorDatatypes.Instant(at);
        var rendered = resources.ToDictionary(Key);
        var keys = rendered.Keys.Union(state.Published).ToList();
        await Publish<OrganizationDocument>("Organization", operations, state, rendered, keys, lastUpdated, cancellation);
        await Publish<HealthcareServiceDocument>("HealthcareService", operations, state, rendered, keys, lastUpdated, cancellation);
        await Publish<LocationDocument>("Location", operations, state, rendered, keys, lastUpdated, cancellation);
        state.Published = rendered.Keys.ToHashSet();
    }

    private static async Task Publish<TDocument>(
        string type, IDocumentOperations operations, PublicationState state, IReadOnlyDictionary<string, DomainResource> rendered,
        IReadOnlyList<string> keys, DateTimeOffset lastUpdated, CancellationToken cancellation)
        where TDocument : FhirDocument, new()
    {
        var ids = keys.Where(k => k.StartsWith(type + "/", StringComparison.Ordinal)).Select(k => k[(type.Length + 1)..]).ToArray();
        if (ids.Length == 0) return;
        var existing = (await operations.LoadManyAsync<TDocument>(cancellation, ids)).ToDictionary(d => d.Id);
        foreach (var id in ids)
        {
            var key = $"{type}/{id}";
            var previous = existing.GetValueOrDefault(id);
            if (!rendered.TryGetValue(key, out var resource))
            {
                if (previous is { Retired: false })
                {
                    previous.Retired = true;
                    previous.Version++;
                    previous.LastUpdated = lastUpdated;
                    operations.Store(previous);
                }
                continue;
            }
            var hash = ContentHash(resource);
            if (previous is { Retired: false } && previous.ContentHash == hash) continue;

            var version = (previous?.Version ?? 0) + 1;
            var meta = resource.Meta ??= new Meta();
            meta.VersionId = version.ToString();
            meta.LastUpdated = lastUpdated;
            state.FirstPublished.TryAdd(key, lastUpdated);
            operations.Store(new TDocument
            {
                Id = id,
                Version = version,
                LastUpdated = lastUpdated,
                Json = FhirJson.Serialize(resource),
                ContentHash = hash,
                SourceStream = state.Id,
            });
        }
    }

    private static string Key(DomainResource resource) => $"{resource.TypeName}/{resource.Id}";

    private static string ContentHash(DomainResource resource) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(FhirJson.Serialize(resource))));
}
