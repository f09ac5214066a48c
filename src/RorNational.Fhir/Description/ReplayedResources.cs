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
public sealed record ReplayedVersion(string Type, string Id, long Version, DateTimeOffset LastUpdated, string Json, string ContentHash, bool Retired)
{
    private (string Json, IReadOnlyList<DataClass> Sets)? _classSets;

    public string Key => $"{Type}/{Id}";

    /// <summary>Equal when the version is: the class sets are worked out from its JSON, a cache, not part of its value.</summary>
    public bool Equals(ReplayedVersion? other) => other is not null &&
        (Type, Id, Version, LastUpdated, Json, ContentHash, Retired) == (other.Type, other.Id, other.Version, other.LastUpdated, other.Json, other.ContentHash, other.Retired);

    public override int GetHashCode() => HashCode.Combine(Type, Id, Version, LastUpdated, ContentHash, Retired);

    /// <summary>
    /// The class sets of its elements (<see cref="Redaction.ClassSetsOf"/>), worked out when first
    /// asked: a replay goes through many versions of a resource and serves only the last.
    /// </summary>
    public IReadOnlyList<DataClass> ClassSets
    {
        get
        {
            if (_classSets is not { } known || !ReferenceEquals(known.Json, Json))
                _classSets = known = (Json, Redaction.ClassSetsOf(JsonNode.Parse(Json)!.AsObject()));
            return known.Sets;
        }
    }
}

/// <summary>
/// The publication of one establishment kept in memory while its events are replayed: the
/// current version of each resource, decided by the rules <see cref="ResourcePublisher"/> and
/// <see cref="CapacityPublisher"/> apply when they store documents: a rendered resource whose
/// content hash (<see cref="VersionedJson"/>) differs from its current version's, or whose
/// current version is retired or missing, gets the next version number and the batch's
/// lastUpdated; a resource the stream published and no longer renders is retired (a version of
/// its own); a capacity change alone edits its Location's JSON (<see cref="LocationCapacityRendering"/>), when the
/// version is asked for (<see cref="PublishCapacity"/>).
/// Nothing is written, and no search index row is built.
/// </summary>
public sealed class ReplayedResources
{
    private readonly Dictionary<string, ReplayedVersion> _current = [];
    private readonly Dictionary<string, PendingCapacity> _pending = [];
    private readonly Dictionary<CapacityIndicator, string> _extensions = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyCollection<ReplayedVersion> Current
    {
        get
        {
            RenderPending();
            return _current.Values;
        }
    }

    public ReplayedVersion? Find(string type, string id)
    {
        var key = $"{type}/{id}";
        Render(key);
        return _current.GetValueOrDefault(key);
    }

    /// <summary>What one EJ or EG stream rendered after a batch, as <see cref="ResourcePublisher.PublishAsync"/> stores it.</summary>
    public void Publish(PublicationState state, IReadOnlyList<DomainResource> resources, DateTimeOffset at)
    {
        RenderPending();
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
                _current[key] = new ReplayedVersion(resource.TypeName, resource.Id!, (previous?.Version ?? 0) + 1, lastUpdated, json, hash, false);
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
    /// A new version when its capacity extensions differ from the current version's (the rest of
    /// the Location is the same, so its content differs exactly then: <see cref="ShowDifferently"/>),
    /// rendered only when asked for (<see cref="Render"/>): a lieu's thousands of capacity changes
    /// are compared, not each rendered.
    /// </summary>
    public void PublishCapacity(PublicationState eg, string lieuId, IReadOnlyList<CapacityIndicator> indicators, DateTimeOffset at)
    {
        if (eg.EG?.Fiches.GetValueOrDefault(lieuId)?.Lieu is null || !eg.UnitIds.TryGetValue(lieuId, out var locationId)) return;
        var key = "Location/" + locationId;
        if (_current.GetValueOrDefault(key) is not { Retired: false } current) return;
        var pending = _pending.GetValueOrDefault(key);
        var changed = pending is null
            ? !Extensions(indicators).SequenceEqual(LocationCapacityRendering.CapacityOf(JsonNode.Parse(current.Json)!.AsObject()), StringComparer.Ordinal)
            : ShowDifferently(pending.Indicators, indicators);
        if (!changed) return;
        _pending[key] = new PendingCapacity(current, (pending?.Version ?? current.Version) + 1, RorDatatypes.Instant(at), indicators);
    }

    /// <summary>
    /// Whether two lists of indicators give a Location different capacity extensions. An
    /// indicator's extension shows its key and its count as codes and an integer, so lists whose
    /// keys or counts differ, position by position, show differently; only lists alike in both
    /// are compared by their extensions' JSON (source date, type, comment).
    /// </summary>
    private bool ShowDifferently(IReadOnlyList<CapacityIndicator> shown, IReadOnlyList<CapacityIndicator> next)
    {
        if (shown.Count != next.Count) return true;
        for (var i = 0; i < shown.Count; i++)
            if (shown[i].Count != next[i].Count || shown[i].Key != next[i].Key) return true;
        return !Extensions(shown).SequenceEqual(Extensions(next), StringComparer.Ordinal);
    }

    /// <summary>The Location's capacity changes since its last rendered version, rendered as their last version.</summary>
    private void Render(string key)
    {
        if (!_pending.Remove(key, out var pending)) return;
        var rendered = pending.Rendered;
        var document = new LocationDocument
        {
            Id = rendered.Id, Version = pending.Version - 1, LastUpdated = rendered.LastUpdated, Json = rendered.Json, ContentHash = rendered.ContentHash,
        };
        var next = LocationCapacityRendering.Following(document, pending.Indicators, pending.LastUpdated);
        _current[key] = rendered with { Version = pending.Version, LastUpdated = pending.LastUpdated, Json = next.Json, ContentHash = next.ContentHash };
    }

    private void RenderPending()
    {
        foreach (var key in _pending.Keys.ToList()) Render(key);
    }

    private IEnumerable<string> Extensions(IReadOnlyList<CapacityIndicator> indicators) => indicators.Select(indicator =>
    {
        if (!_extensions.TryGetValue(indicator, out var json)) _extensions[indicator] = json = LocationCapacityRendering.CapacityOf(indicator);
        return json;
    });

    /// <summary>A Location's version not rendered yet: the one after <paramref name="Rendered"/> numbered <paramref name="Version"/>, with these indicators.</summary>
    private sealed record PendingCapacity(ReplayedVersion Rendered, long Version, DateTimeOffset LastUpdated, IReadOnlyList<CapacityIndicator> Indicators);
}
