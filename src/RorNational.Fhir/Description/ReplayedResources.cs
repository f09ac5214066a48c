using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using RorNational.Domain.Capacity;
using RorNational.Fhir.Access;
using RorNational.Fhir.Publishing;
using RorNational.Fhir.Publishing.Capacity;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Description;

/// <summary>One resource as the replay publishes it: what its current document would hold.</summary>
public sealed record ReplayedVersion(
    string Type, string Id, long Version, DateTimeOffset LastUpdated, string Json, string ContentHash, bool Retired, IReadOnlyList<DataClass> ClassSets)
{
    public string Key => $"{Type}/{Id}";
}

/// <summary>
/// The publication of one establishment kept in memory while its events are replayed: the
/// current version of each resource, decided by the rules <see cref="ResourcePublisher"/> and
/// <see cref="CapacityPublisher"/> apply when they store documents: a rendered resource whose
/// content hash (<see cref="VersionedJson"/>) differs from its current version's, or whose
/// current version is retired or missing, gets the next version number and the batch's
/// lastUpdated; a resource the stream published and no longer renders is retired (a version of
/// its own); a capacity change alone edits its Location's JSON (<see cref="LocationCapacityRendering"/>).
/// Nothing is written, and no search index row is built.
/// </summary>
public sealed class ReplayedResources
{
    private readonly Dictionary<string, ReplayedVersion> _current = [];

    public IReadOnlyCollection<ReplayedVersion> Current => _current.Values;

    public ReplayedVersion? Find(string type, string id) => _current.GetValueOrDefault($"{type}/{id}");

    /// <summary>What one EJ or EG stream rendered after a batch, as <see cref="ResourcePublisher.PublishAsync"/> stores it.</summary>
    public void Publish(PublicationState state, IReadOnlyList<DomainResource> resources, DateTimeOffset at)
    {
        var lastUpdated = RorDatatypes.Instant(at);
        var rendered = resources.ToDictionary(r => $"{r.TypeName}/{r.Id}");
        foreach (var key in rendered.Keys.Union(state.Published))
        {
            var previous = _current.GetValueOrDefault(key);
            if (rendered.TryGetValue(key, out var resource))
            {
                var (json, hash) = VersionedJson.Of(resource, (previous?.Version ?? 0) + 1, lastUpdated);
                if (previous is { Retired: false } && previous.ContentHash == hash) continue;
                state.FirstPublished.TryAdd(key, lastUpdated);
                _current[key] = new ReplayedVersion(resource.TypeName, resource.Id!, (previous?.Version ?? 0) + 1, lastUpdated, json, hash, false,
                    Redaction.ClassSetsOf(JsonNode.Parse(json)!.AsObject()));
            }
            else if (previous is { Retired: false })
                _current[key] = previous with { Version = previous.Version + 1, LastUpdated = lastUpdated, Retired = true };
        }
        state.Published = [.. rendered.Keys];
    }

    /// <summary>
    /// A capacity change whose EG the batch did not render, as <see cref="CapacityPublisher.PublishAsync"/>
    /// stores it: the lieu's Location alone, when the lieu has a supply zone that is not retired
    /// (<see cref="SupplyZones"/>: a lieu published and still in the EG) and its Location is published.
    /// </summary>
    public void PublishCapacity(PublicationState eg, string lieuId, IReadOnlyList<CapacityIndicator> indicators, DateTimeOffset at)
    {
        if (eg.EG?.Fiches.GetValueOrDefault(lieuId)?.Lieu is null || !eg.UnitIds.TryGetValue(lieuId, out var locationId)) return;
        if (_current.GetValueOrDefault("Location/" + locationId) is not { Retired: false } current) return;
        var lastUpdated = RorDatatypes.Instant(at);
        var document = new LocationDocument
        {
            Id = current.Id, Version = current.Version, LastUpdated = current.LastUpdated, Json = current.Json, ContentHash = current.ContentHash,
        };
        if (LocationCapacityRendering.Of(document, indicators, lastUpdated) is not { } next) return;
        _current[current.Key] = current with
        {
            Version = current.Version + 1, LastUpdated = lastUpdated, Json = next.Json, ContentHash = next.ContentHash,
            ClassSets = Redaction.ClassSetsOf(next.Parsed),
        };
    }
}
