using Hl7.Fhir.Model;
using Marten;
using RorNational.Fhir.Publishing.Capacity;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Search.Indexing.Equipment;
using RorNational.Fhir.Search.Indexing.Prices;
using RorNational.Fhir.Storage;

namespace RorNational.Fhir.Publishing;

/// <summary>What one EJ or EG stream renders after a batch of its events.</summary>
public sealed record StreamRendering(PublicationState State, IReadOnlyList<DomainResource> Resources, DateTimeOffset At)
{
    /// <summary>The versions the publication wrote for this stream (for the Provenance of the write).</summary>
    public List<WrittenVersion> Written { get; } = [];
}

/// <summary>
/// Stores rendered resources whose content changed (new version, new lastUpdated), leaves the
/// others untouched, and retires those no longer rendered. The current documents of all
/// the streams of a batch are loaded in one query per resource type; their next versions are
/// prepared in parallel (<see cref="PreparedVersion"/>) and stored in the batch's order.
/// </summary>
public static class ResourcePublisher
{
    /// <param name="locations">
    /// The current Locations of the streams (<see cref="LoadLocationsAsync"/>), loaded before the
    /// capacity they were rendered with: a capacity change committed in between then makes this
    /// batch's new version of the Location collide with its own (<see cref="CapacityPublisher"/>).
    /// </param>
    public static async Task PublishAsync(
        IDocumentOperations operations, IReadOnlyList<StreamRendering> renderings, IReadOnlyDictionary<string, LocationDocument> locations,
        SearchIndexer indexer, CancellationToken cancellation)
    {
        var rendered = renderings.Select(r => r.Resources.ToDictionary(Key)).ToList();
        var index = new IndexChanges();
        var capacityRows = new List<CapacityRow>();
        var equipmentRows = new List<EquipmentRow>();
        var priceRows = new List<PriceRow>();
        var versions = new List<FhirResourceVersion>();
        await Publish<OrganizationDocument>("Organization", operations, renderings, rendered, index, versions, c => OrganizationVersions(c, indexer, priceRows), null, cancellation);
        await Publish<HealthcareServiceDocument>("HealthcareService", operations, renderings, rendered, index, versions, c => PreparedVersion.All(c, indexer), null, cancellation);
        // Before the Locations, their capacity rows and the services' references are written.
        var services = index.Written("HealthcareService");
        ServiceCapacityRows.LockForPublication(operations, services, index.TargetsOf("HealthcareService", "location"));
        await Publish<PractitionerRoleDocument>("PractitionerRole", operations, renderings, rendered, index, versions, c => PreparedVersion.All(c, indexer), null, cancellation);
        await Publish("Location", operations, renderings, rendered, index, versions, c => LocationVersions.All(c, indexer, capacityRows, equipmentRows), locations, cancellation);
        for (var i = 0; i < renderings.Count; i++) renderings[i].State.Published = rendered[i].Keys.ToHashSet();
        // Inserted, never overwritten: of two transactions rendering the same version of a
        // resource (a description and a capacity change of one Location), the second fails.
        ResourceVersionRows.Insert(operations, versions);
        SearchIndexWriter.Queue(operations, index.Replaced, index.Rows);
        CapacityIndexWriter.Insert(operations, capacityRows);
        ServiceCapacityRows.Refresh(operations, services, index.Written("Location"));
        EquipmentIndexWriter.Insert(operations, equipmentRows);
        PriceIndexWriter.Insert(operations, priceRows);
    }

    /// <summary>The next versions of Organizations, and the price index rows of those that changed (<see cref="PriceRow"/>).</summary>
    private static PreparedVersion?[] OrganizationVersions(IReadOnlyList<PreparedVersion.Candidate> candidates, SearchIndexer indexer, List<PriceRow> priceRows)
    {
        var prepared = PreparedVersion.All(candidates, indexer);
        for (var i = 0; i < prepared.Length; i++)
            if (prepared[i] is { } version && version.Json.Contains(RorCanonical.Extensions.OrganizationPrice, StringComparison.Ordinal))
                priceRows.AddRange(PriceRow.Of(candidates[i].Resource.Id!, System.Text.Json.Nodes.JsonNode.Parse(version.Json)!.AsObject()));
        return prepared;
    }

    /// <summary>The Locations the streams publish now or published before, as stored.</summary>
    public static async Task<IReadOnlyDictionary<string, LocationDocument>> LoadLocationsAsync(
        IDocumentOperations operations, IEnumerable<PublicationState> states, CancellationToken cancellation)
    {
        var ids = states.SelectMany(LocationIdsOf).Distinct().ToArray();
        return ids.Length == 0 ? new Dictionary<string, LocationDocument>()
            : (await operations.LoadManyAsync<LocationDocument>(cancellation, ids)).ToDictionary(d => d.Id);
    }

    private static IEnumerable<string> LocationIdsOf(PublicationState state) =>
        state.Published.Where(k => k.StartsWith("Location/", StringComparison.Ordinal)).Select(k => k["Location/".Length..])
            .Concat(state.EG?.Fiches.Values.Where(f => f.Lieu is not null && state.UnitIds.ContainsKey(f.Id)).Select(f => state.UnitIds[f.Id]) ?? []);

    /// <summary>The resources whose index rows the batch replaces, and their new rows (none when retired).</summary>
    private sealed class IndexChanges
    {
        public List<(string Type, string Id)> Replaced { get; } = [];
        public List<SearchIndexRows> Rows { get; } = [];

        public void Retired(string type, string id) => Replaced.Add((type, id));

        /// <summary>The ids the stored resources of <paramref name="type"/> reference through <paramref name="param"/>.</summary>
        public IReadOnlyCollection<string> TargetsOf(string type, string param) =>
            Rows.Where(r => r.ResourceType == type).SelectMany(r => r.References).Where(x => x.Param == param).Select(x => x.TargetId).ToHashSet();

        /// <summary>The ids of <paramref name="type"/> stored or retired.</summary>
        public IReadOnlyCollection<string> Written(string type) =>
            Replaced.Where(r => r.Type == type).Select(r => r.Id).Concat(Rows.Where(r => r.ResourceType == type).Select(r => r.Id)).ToHashSet();

        /// <param name="replacing">Whether the resource was published before: a resource never stored has no rows to delete.</param>
        public void Stored(SearchIndexRows rows, bool replacing)
        {
            if (replacing) Replaced.Add((rows.ResourceType, rows.Id));
            Rows.Add(rows);
        }
    }

    private static async Task Publish<TDocument>(
        string type, IDocumentOperations operations, IReadOnlyList<StreamRendering> renderings,
        IReadOnlyList<Dictionary<string, DomainResource>> rendered, IndexChanges index, List<FhirResourceVersion> versions,
        Func<IReadOnlyList<PreparedVersion.Candidate>, PreparedVersion?[]> prepare, IReadOnlyDictionary<string, TDocument>? loaded,
        CancellationToken cancellation)
        where TDocument : FhirDocument, new()
    {
        var prefix = type + "/";
        var idsByStream = renderings.Select((rendering, i) => rendered[i].Keys.Union(rendering.State.Published)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToList()).ToList();
        var allIds = idsByStream.SelectMany(ids => ids).ToArray();
        if (allIds.Length == 0) return;
        var existing = loaded ?? (await operations.LoadManyAsync<TDocument>(cancellation, allIds)).ToDictionary(d => d.Id);

        var published = new List<(int Stream, string Id, TDocument? Previous)>();
        var candidates = new List<PreparedVersion.Candidate>();
        var documents = new Dictionary<string, TDocument>(StringComparer.Ordinal);
        var firstStored = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < renderings.Count; i++)
        {
            var lastUpdated = RorDatatypes.Instant(renderings[i].At);
            foreach (var id in idsByStream[i])
            {
                var previous = existing.GetValueOrDefault(id);
                if (rendered[i].TryGetValue(prefix + id, out var resource))
                {
                    published.Add((i, id, previous));
                    candidates.Add(new(resource, previous is { Retired: false } ? previous.ContentHash : null, (previous?.Version ?? 0) + 1, lastUpdated));
                }
                else if (previous is { Retired: false })
                {
                    previous.Retired = true;
                    previous.Version++;
                    previous.LastUpdated = lastUpdated;
                    documents[id] = previous;
                    var retirement = FhirResourceVersion.Of(type, previous);
                    versions.Add(retirement);
                    renderings[i].Written.Add(WrittenVersion.Of(retirement));
                    index.Retired(type, id);
                }
            }
        }

        var prepared = prepare(candidates);
        for (var c = 0; c < candidates.Count; c++)
        {
            if (prepared[c] is not { } version) continue;
            var (stream, id, previous) = published[c];
            var state = renderings[stream].State;
            var lastUpdated = candidates[c].LastUpdated;
            state.FirstPublished.TryAdd(prefix + id, lastUpdated);
            index.Stored(version.Rows, replacing: previous is not null);
            var document = new TDocument
            {
                Id = id,
                Version = version.Version,
                LastUpdated = lastUpdated,
                Json = version.Json,
                ClassSets = [.. version.ClassSets],
                ContentHash = version.ContentHash,
                SourceStream = state.Id,
            };
            documents[id] = document;
            if (previous is null) firstStored.Add(id);
            var written = FhirResourceVersion.Of(type, document);
            versions.Add(written);
            renderings[stream].Written.Add(WrittenVersion.Of(written));
        }
        Store(operations, [.. documents.Values], firstStored);
    }

    /// <summary>
    /// Locations as Marten operations: a supplier's answer reads the Locations its transaction
    /// rendered from the session's pending changes (<c>AnswerCompletion</c>). The other types by one
    /// statement for the batch (<see cref="DocumentRows"/>), serialized here, while the batch before
    /// is still being written, rather than one statement each once it has committed; those never
    /// stored before inserted, the others upserted.
    /// </summary>
    private static void Store<TDocument>(IDocumentOperations operations, IReadOnlyList<TDocument> documents, HashSet<string> firstStored)
        where TDocument : FhirDocument
    {
        if (typeof(TDocument) == typeof(LocationDocument))
            foreach (var document in documents) operations.Store(document);
        else
            DocumentRows.InsertOrUpsert(operations, documents, d => d.Id, d => firstStored.Contains(d.Id));
    }

    private static string Key(DomainResource resource) => $"{resource.TypeName}/{resource.Id}";
}
