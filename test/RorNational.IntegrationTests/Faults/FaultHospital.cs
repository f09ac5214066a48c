using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Capacity.Supplying.SupplyingFixture;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// The hospital the fault tests load: EG 010000024 with two lieux per supplier (idExterneSynchro
/// S&lt;supplier&gt;-&lt;n&gt;), each with one indicator (available beds) to replace, and what the
/// tests read back once the fault is over: the capacity events stored, the Locations served,
/// the search index, the timeline projection.
/// </summary>
public sealed class FaultHospital(string database, int suppliers)
{
    public const int LieuxPerSupplier = 2;
    public const string SupplierClient = "supplier-ch-fleyriat";

    public int Suppliers { get; } = suppliers;

    public static string Token(string clientId) => new ForgedToken { ClientId = clientId, Lifetime = TimeSpan.FromHours(2) }.Sign();

    public static string Lieu(int supplier, int n) => $"S{supplier}-{n}";

    public IEnumerable<string> Lieux => Enumerable.Range(0, Suppliers).SelectMany(s => Enumerable.Range(0, LieuxPerSupplier).Select(n => Lieu(s, n)));

    /// <summary>The n-th change's source date: one second apart, in the past.</summary>
    public static readonly DateTimeOffset FirstSourceDate = WholeSecond(DateTimeOffset.UtcNow.AddDays(-1));

    private static DateTimeOffset WholeSecond(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));

    public static string SourceDate(int n) => FirstSourceDate.AddSeconds(n).ToString("yyyy-MM-ddTHH:mm:ssZ");

    /// <summary>Publishes the structure and adds each lieu's indicator (0 beds).</summary>
    public async Task Publish(HostProcess host)
    {
        var loader = host.Client(Token("samples-loader"));
        await loader.Register(Requests.Registration()).EnsureOk();
        var lieux = Lieux.Select(id =>
        {
            var lieu = StructureRequests.Lieu();
            lieu["name"] = $"Unité {id}";
            lieu["lieu"]!["idExterneSynchro"] = id;
            return ($"lieu-{id.ToLowerInvariant()}", lieu);
        });
        await loader.Accept(await loader.SubmitDossier([.. StructureRequests.HospitalFiches, .. lieux])).EnsureOk();
        var supplier = host.Client(Token(SupplierClient));
        foreach (var lieu in Lieux)
            await supplier.SendAsync(PatchRequest(ByIdentifierOf(lieu), Add(Record(0, SourceDate(0))), requestId: $"add-{lieu}")).EnsureOk();
    }

    public static string ByIdentifierOf(string lieu) => $"/fhir/Location?identifier=1010000024/{lieu}";

    /// <summary>The request id of every capacity event stored, with the time PostgreSQL stored it.</summary>
    public async Task<List<(string RequestId, DateTimeOffset StoredAt)>> StoredChanges()
    {
        // Unpooled: a pooled connection of an earlier test to a server since stopped would fail here (57P01).
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(data->>'RequestId', data->>'requestId'), timestamp from ror.mt_events where stream_id like 'capacity-%' order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync()) stored.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return stored;
    }

    /// <summary>The changes the suppliers' load stored: all but the indicators <see cref="Publish"/> added.</summary>
    public async Task<List<(string RequestId, DateTimeOffset StoredAt)>> IngestedChanges() =>
        (await StoredChanges()).Where(s => !s.RequestId.StartsWith("add-", StringComparison.Ordinal)).ToList();

    /// <summary>Every capacity event stored: the indicators added, then the changes of the load.</summary>
    public int CapacityEvents(int ingested) => ingested + Suppliers * LieuxPerSupplier;

    /// <summary>The capacity entries of the timeline once it has <paramref name="expected"/> of them, or what it has after a minute.</summary>
    public static async Task<List<long>> CapacityTimelineOnce(HttpClient auditor, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<long> timeline;
        while ((timeline = await CapacityTimeline(auditor)).Count < expected && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        return timeline;
    }

    /// <summary>The available beds a Location serves to a crisis-profile reader, and how many Locations the search finds with that count.</summary>
    public static async Task<(int Served, int FoundBySearch)> ServedCount(HttpClient crisis, string lieu)
    {
        var bundle = JsonNode.Parse(await crisis.GetStringAsync(ByIdentifierOf(lieu)))!;
        var location = bundle["entry"]!.AsArray().Single()!["resource"]!;
        var capacity = location["extension"]!.AsArray().Single(e => e!["url"]!.GetValue<string>() == Url)!;
        var served = capacity["extension"]!.AsArray().Single(e => e!["url"]!.GetValue<string>() == "nbCapacity")!["valueInteger"]!.GetValue<int>();
        var found = JsonNode.Parse(await crisis.GetStringAsync($"{ByIdentifierOf(lieu)}&capacity-status=02&nb-capacity=eq{served}&_summary=count"))!;
        return (served, found["total"]!.GetValue<int>());
    }

    /// <summary>The sequences of the EG's capacity entries in its timeline (the asynchronous projection), all pages.</summary>
    public static async Task<List<long>> CapacityTimeline(HttpClient auditor)
    {
        var sequences = new List<long>();
        string? next = $"/api/establishments/{StructureRequests.EG}/timeline?kind=capacity&_count=1000";
        while (next is not null)
        {
            var response = await auditor.GetAsync(next);
            if (response.StatusCode != HttpStatusCode.OK) return sequences;
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            sequences.AddRange(page["entries"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()));
            next = page["next"]?.GetValue<string>();
        }
        return sequences;
    }
}
