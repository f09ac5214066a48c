using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>
/// Group commit: while one request holds the only write turn (held here on a locked event
/// table), the requests that queue behind it are applied together, in one transaction (their
/// events share its id, PostgreSQL's xmin), each decided and answered as if alone. A request on
/// a lieu already in the group waits for the next turn; a request refused whole (a request id
/// reused) is refused alone; a group that fails as a whole runs again request by request.
/// </summary>
public sealed class supplying_in_groups : GroupingFixture
{
    [Test]
    public async Task Given_requests_on_other_lieux_waiting_for_the_turn_When_it_comes_Then_they_commit_together_each_answered_as_alone()
    {
        await PublishLieux();
        await Supplier.SendAsync(PatchRequest(ByIdentifierOf("d"), Add(Record(1, At(0))), requestId: "r-1")).EnsureOk();

        var (first, queued) = await BehindAHeldTurn(
            PatchRequest(ByIdentifierOf("b"), Add(Record(4, At(1)))),
            PatchRequest(ByIdentifierOf("c"), Add(Record(5, At(1)))),
            PatchRequest(ByIdentifierOf("d"), Replace(Selector(), Record(2, At(5))), requestId: "r-1"),
            PatchRequest(ByIdentifierOf("b"), Add(Record(6, At(1), temporality: "02"))));
        var (b, c, reused, bAgain) = (queued[0], queued[1], queued[2], queued[3]);

        var applied = await Task.WhenAll(first, b, c, bAgain);
        var refusal = await Outcome(await reused);
        var transactions = await TransactionsOf(["capacity-" + LieuUnit, .. Others.Select(x => "capacity-" + Unit(x))]);
        Assert.Multiple(async () =>
        {
            Assert.That(applied.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK),
                string.Join("\n", await Task.WhenAll(applied.Select(r => r.Content.ReadAsStringAsync()))));
            Assert.That((refusal.Status, refusal.Expressions), Is.EqualTo((409, new[] { "X-Request-Id" })), refusal.Body);
            Assert.That(transactions["capacity-" + Unit("c")], Has.Count.EqualTo(1));
            var group = transactions["capacity-" + Unit("c")][0];
            Assert.That(transactions["capacity-" + Unit("b")], Has.Count.EqualTo(2).And.Contains(group),
                "b's first change committed with c's; its second, on the same lieu, waited for the next turn");
            Assert.That(transactions["capacity-" + LieuUnit], Does.Not.Contain(group), "the first request held the turn alone");
            Assert.That(transactions["capacity-" + Unit("d")], Has.Count.EqualTo(1), "the reused request id applied nothing");
            Assert.That((await CapacityEvents(Unit("b"))).Count, Is.EqualTo(2));
        });
        // Each answer is that of its own Location, as rendered in the group's transaction.
        foreach (var (response, unit) in new[] { (applied[1], Unit("b")), (applied[2], Unit("c")) })
        {
            var location = await Location((await Zone(unit)).LocationId);
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo($"W/\"{location.Version - (unit == Unit("b") ? 1 : 0)}\""), unit);
        }
    }

    /// <summary>
    /// Each request's receipt is written in the group's batch after the locks the requests before
    /// it took: a lock read as the receipt's result (a lock of no row, once) made every group of
    /// requests with an id fail as "already there" and run again one by one.
    /// </summary>
    [Test]
    public async Task Given_requests_with_ids_waiting_for_the_turn_When_it_comes_Then_they_commit_together_and_each_receipt_answers_a_replay()
    {
        await PublishLieux();

        var (first, queued) = await BehindAHeldTurn(
            PatchRequest(ByIdentifierOf("b"), Add(Record(4, At(1))), requestId: "r-b"),
            PatchRequest(ByIdentifierOf("c"), Add(Record(5, At(1))), requestId: "r-c"));

        var applied = await Task.WhenAll([first, .. queued]);
        var transactions = await TransactionsOf([Stream("b"), Stream("c")]);
        Assert.That(applied.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK),
            string.Join("\n", await Task.WhenAll(applied.Select(r => r.Content.ReadAsStringAsync()))));
        Assert.That(transactions[Stream("b")], Is.EqualTo(transactions[Stream("c")]).And.Count.EqualTo(1), "one group, one transaction");
        var replay = await Supplier.SendAsync(PatchRequest(ByIdentifierOf("c"), Add(Record(5, At(1))), requestId: "r-c"));
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replay.Content.ReadAsStringAsync());
        Assert.That(await CapacityEvents(Unit("c")), Has.Count.EqualTo(1), "the replay answered from the receipt");
    }

    [Test]
    public async Task Given_bundles_and_a_malformed_patch_waiting_for_the_turn_When_it_comes_Then_the_patch_was_read_in_its_own_turn_and_the_bundles_commit_together()
    {
        await PublishLieux();

        // One more version of c's Location than of b's: each entry's answer must name its own.
        await Supplier.SendAsync(PatchRequest(ByIdentifierOf("c"), Add(Record(2, At(0), temporality: "02")))).EnsureOk();
        // The malformed PATCH is not answered until the turn is free: it is read under a turn of its own.
        var (first, queued) = await BehindAHeldTurn(
            PatchRequest(ByIdentifierOf("b"), new JsonObject { ["resourceType"] = "Parameters" }),
            BundleRequest(Bundle("transaction", [(EntryUrlOf("b"), Add(Record(4, At(1))), null), (EntryUrlOf("c"), Add(Record(5, At(1))), null)])),
            BundleRequest(Bundle("batch", [(EntryUrlOf("d"), Add(Record(6, At(1))), null), (EntryUrlOf("d"), Delete(Selector(temporality: "02")), null)])));

        await first.EnsureOk();
        var refusal = await Outcome(await queued[0]);
        var transaction = JsonNode.Parse(await (await queued[1]).Content.ReadAsStringAsync())!;
        var batch = JsonNode.Parse(await (await queued[2]).Content.ReadAsStringAsync())!;
        var transactions = await TransactionsOf([Stream("a"), .. Others.Select(Stream)]);
        var locations = new Dictionary<string, LocationDocument>();
        foreach (var lieu in Others) locations[lieu] = await Location((await Zone(Unit(lieu))).LocationId);
        Assert.Multiple(() =>
        {
            Assert.That((refusal.Status, refusal.Codes), Is.EqualTo((400, new[] { "invalid" })), refusal.Body);
            Assert.That(Statuses(transaction), Is.EqualTo(new[] { "200 OK", "200 OK" }), transaction.ToJsonString());
            Assert.That(Statuses(batch), Is.EqualTo(new[] { "200 OK", "404 Not Found" }), batch.ToJsonString());
            Assert.That(transactions[Stream("b")], Has.Count.EqualTo(1));
            Assert.That(transactions[Stream("c")][^1], Is.EqualTo(transactions[Stream("b")][0]), "the transaction Bundle's lieux committed at once");
            Assert.That(transactions[Stream("d")], Is.EqualTo(transactions[Stream("b")]), "the batch committed with the transaction, its refused entry alone left out");
            Assert.That(transactions[Stream("a")], Does.Not.Contain(transactions[Stream("b")][0]), "the first request held the turn alone");
            // Each entry answers with its own Location's version.
            Assert.That(locations["c"].Version, Is.Not.EqualTo(locations["b"].Version));
            foreach (var (entry, lieu) in new[] { (0, "b"), (1, "c") })
            {
                var response = transaction["entry"]![entry]!["response"]!;
                Assert.That(response["etag"]!.GetValue<string>(), Is.EqualTo($"W/\"{locations[lieu].Version}\""), lieu);
                Assert.That(response["location"]!.GetValue<string>(), Is.EqualTo($"Location/{locations[lieu].Id}/_history/{locations[lieu].Version}"), lieu);
            }
            Assert.That(batch["entry"]![0]!["response"]!["location"]!.GetValue<string>(),
                Is.EqualTo($"Location/{locations["d"].Id}/_history/{locations["d"].Version}"));
        });
    }

    [Test]
    public async Task Given_a_group_that_fails_as_a_whole_When_applied_Then_each_request_runs_again_alone_and_is_applied()
    {
        await PublishLieux();
        await using var fault = await OneCapacityStreamPerTransaction.InstallAsync(ConnectionString);

        var (first, queued) = await BehindAHeldTurn([.. Others.Select(x => PatchRequest(ByIdentifierOf(x), Add(Record(4, At(1)))))]);

        var responses = await Task.WhenAll([first, .. queued]);
        var transactions = await TransactionsOf(["capacity-" + LieuUnit, .. Others.Select(x => "capacity-" + Unit(x))]);
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK),
                string.Join("\n", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))));
            Assert.That(transactions.Values.Select(t => t.Count), Is.All.EqualTo(1));
            Assert.That(transactions.Values.Select(t => t[0]).Distinct().Count(), Is.EqualTo(4), "each request in a transaction of its own");
        });
    }

    private static string EntryUrlOf(string lieu) => ByIdentifierOf(lieu)["/fhir/".Length..];

    private static string[] Statuses(JsonNode bundle) =>
        [.. bundle["entry"]!.AsArray().Select(e => e!["response"]!["status"]!.GetValue<string>())];

    /// <summary>
    /// A fault for the test: a trigger that refuses the events of a second capacity stream in one
    /// transaction, so that a group fails as a whole while each of its requests alone passes.
    /// </summary>
    private sealed class OneCapacityStreamPerTransaction(string connectionString) : IAsyncDisposable
    {
        public static async Task<OneCapacityStreamPerTransaction> InstallAsync(string connectionString)
        {
            await Execute(connectionString, """
                create or replace function ror.test_one_capacity_stream_per_transaction() returns trigger language plpgsql as $$
                begin
                  if new.stream_id like 'capacity-%' and exists (select 1 from ror.mt_events e
                      where e.xmin = pg_current_xact_id()::xid and e.stream_id like 'capacity-%' and e.stream_id <> new.stream_id) then
                    raise exception 'test fault: a second capacity stream in one transaction';
                  end if;
                  return new;
                end $$;
                create trigger test_one_capacity_stream_per_transaction before insert on ror.mt_events
                  for each row execute function ror.test_one_capacity_stream_per_transaction();
                """);
            return new OneCapacityStreamPerTransaction(connectionString);
        }

        public async ValueTask DisposeAsync() => await Execute(connectionString, """
            drop trigger if exists test_one_capacity_stream_per_transaction on ror.mt_events;
            drop function if exists ror.test_one_capacity_stream_per_transaction();
            """);

        private static async Task Execute(string connectionString, string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
