using System.Diagnostics;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RorNational.Fhir;
using RorNational.Fhir.Search.Querying;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// A search's total first runs within Search:SmallCountBound (50 ms here); past it, it is a
/// large count and waits for one of the node's turns (one here, Search:LargeCountsAtOnce), at
/// most Search:LargeCountWait (1 s here). A count is made to run past the bound by holding a
/// lock on the index's resource table from another connection: deterministic, whatever the
/// machine's speed. The counts are those of later pages (a first page holding every match is
/// its own total: <see cref="totals_of_first_pages"/>), counted before the page is read.
/// </summary>
public sealed class counting_large_totals : SearchFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Search:SmallCountBound"] = "00:00:00.050",
        ["Search:LargeCountsAtOnce"] = "1",
        ["Search:LargeCountWait"] = "00:00:01",
    };

    private LargeCounts Turns => App.Services.GetRequiredService<LargeCounts>();

    [Test]
    public async Task a_count_past_the_small_bound_takes_a_turn_and_its_total_stays_exact()
    {
        var (all, _) = await Searched("/fhir/HealthcareService?_count=1000&name:missing=false");
        var second = await SecondPageOf("/fhir/HealthcareService?_count=2&name:missing=false");
        await using (var lockHeld = await LockTheIndexAsync())
        {
            var searching = Searched(second);
            await System.Threading.Tasks.Task.Delay(300);
            Assert.That(searching.IsCompleted, Is.False, "the search waits for the lock");
            await lockHeld.CommitAsync();
            var (after, elapsed) = await searching;
            // Its first attempt was cancelled at 50 ms; the transaction went on from its savepoint.
            Assert.That(after["total"]!.GetValue<int>(), Is.EqualTo(all["entry"]!.AsArray().Count).And.GreaterThan(5));
            Assert.That(after["entry"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)));
        }
    }

    [Test]
    public async Task a_large_count_without_a_free_turn_answers_503_with_retry_after_and_the_next_one_succeeds()
    {
        var (all, _) = await Searched("/fhir/Location?_count=1000&name:missing=false");
        var second = await SecondPageOf("/fhir/Location?_count=2&name:missing=false");
        using (await Turns.TurnAsync(CancellationToken.None))
        await using (var lockHeld = await LockTheIndexAsync())
        {
            var response = await Client.GetAsync(second);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(503), body);
            Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            var outcome = FhirJson.Parse<OperationOutcome>(body);
            Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.Transient));
            Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("Search:LargeCountWait").And.Contain("_total=none"));
            await lockHeld.RollbackAsync();
        }
        // Known large for a minute, the same count now goes straight to a turn, free this time.
        var (found, _) = await Searched(second);
        Assert.That(found["total"]!.GetValue<int>(), Is.EqualTo(all["entry"]!.AsArray().Count).And.GreaterThan(5));
    }

    [Test]
    public async Task small_counts_do_not_wait_behind_the_large_ones()
    {
        using (await Turns.TurnAsync(CancellationToken.None))
        {
            var second = await SecondPageOf("/fhir/Organization?_count=2");
            var (found, elapsed) = await Searched(second);
            Assert.That(found["total"]!.GetValue<int>(), Is.GreaterThan(5));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "not queued for the busy turn (Search:LargeCountWait is 1 s)");
        }
    }

    /// <summary>Another connection's transaction holding the index's resource table: every search waits on it until it ends.</summary>
    private async Task<NpgsqlTransaction> LockTheIndexAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"lock table {App.Store.Options.DatabaseSchemaName}.fhir_search_resource in access exclusive mode", connection, transaction);
        await command.ExecuteNonQueryAsync();
        _connections.Add(connection);
        return transaction;
    }

    private readonly List<NpgsqlConnection> _connections = [];

    [TearDown]
    public async System.Threading.Tasks.Task CloseConnections()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        _connections.Clear();
    }

    /// <summary>The link to the second page of a search, as its first page gives it.</summary>
    private async Task<string> SecondPageOf(string search)
    {
        var (first, _) = await Searched(search);
        var next = first["link"]!.AsArray().Single(l => l!["relation"]!.GetValue<string>() == "next")!["url"]!.GetValue<string>();
        return new Uri(next).PathAndQuery;
    }

    private async Task<(JsonNode Bundle, TimeSpan Elapsed)> Searched(string path)
    {
        var watch = Stopwatch.StartNew();
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return (JsonNode.Parse(body)!, watch.Elapsed);
    }
}
