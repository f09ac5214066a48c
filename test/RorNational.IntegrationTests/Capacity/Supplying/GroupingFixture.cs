using Npgsql;
using RorNational.IntegrationTests.Faults;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>
/// What the group-commit tests share: one write turn (so that the requests sent while a first
/// one holds it, blocked on a locked event table, queue behind it), the hospital's lieu and
/// three more lieux of the same EG, and the transactions (PostgreSQL's xmin) each capacity
/// stream's events were committed in.
/// </summary>
public abstract class GroupingFixture : SupplyingFixture
{
    protected static readonly string[] Others = ["b", "c", "d"];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Server:RequestTimeout"] = "00:00:20",
        ["Server:MaxConcurrentWrites"] = "1",
        ["Server:MaxConcurrentWritesUnread"] = "1",
    };

    protected static string Unit(string lieu) => $"010000024-lieu-batiment-{lieu}";

    protected static string Stream(string lieu) => "capacity-" + Unit(lieu);

    protected static string ByIdentifierOf(string lieu) => $"/fhir/Location?identifier=1010000024/GRP-{lieu.ToUpperInvariant()}";

    /// <summary>The hospital, and three more lieux of the same EG that the supplier feeds.</summary>
    protected async Task PublishLieux()
    {
        await PublishLieu();
        var fiches = Others.Select(x =>
        {
            var lieu = StructureRequests.Lieu();
            lieu["name"] = $"Bâtiment {x.ToUpperInvariant()}";
            lieu["lieu"]!["idExterneSynchro"] = $"GRP-{x.ToUpperInvariant()}";
            return ($"lieu-batiment-{x}", lieu);
        }).ToArray();
        await Client.Accept(await Client.SubmitDossier(fiches)).EnsureOk();
    }

    /// <summary>The transactions (xmin) each stream's events were committed in, in event order, distinct.</summary>
    protected async Task<Dictionary<string, List<string>>> TransactionsOf(IReadOnlyList<string> streams)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select stream_id, xmin::text from ror.mt_events where stream_id = any($1) order by seq_id", connection)
        {
            Parameters = { new() { Value = streams.ToArray() } },
        };
        var transactions = streams.ToDictionary(s => s, _ => new List<string>());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var list = transactions[reader.GetString(0)];
            if (!list.Contains(reader.GetString(1))) list.Add(reader.GetString(1));
        }
        return transactions;
    }

    /// <summary>
    /// Sends a first request (an add on the hospital's lieu) that takes the only write turn and
    /// blocks on the locked event table, then these, one after the other 100 ms apart so that they
    /// queue for a turn in this order; checks that none is answered while the first holds the turn
    /// (each waits for a turn to be read, then one to be applied), and releases the table.
    /// </summary>
    protected async Task<(Task<HttpResponseMessage> First, Task<HttpResponseMessage>[] Queued)> BehindAHeldTurn(params HttpRequestMessage[] requests)
    {
        await using (await DatabaseLock.Take(ConnectionString, "ror.mt_events"))
        {
            var first = Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0)))));
            await Task.Delay(500);
            var queued = new List<Task<HttpResponseMessage>>();
            foreach (var request in requests)
            {
                queued.Add(Supplier.SendAsync(request));
                await Task.Delay(100);
            }
            await Task.Delay(400);
            Assert.That(queued.Prepend(first).Where(r => r.IsCompleted).Select(r => queued.IndexOf(r)), Is.Empty,
                "no request is answered while the first holds the only write turn (-1: the first; else the index of a queued one)");
            return (first, [.. queued]);
        }
    }
}
