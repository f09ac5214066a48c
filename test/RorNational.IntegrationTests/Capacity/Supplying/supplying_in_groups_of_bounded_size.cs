using System.Net;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>
/// A group holds at most <c>Capacity:MaxGroupEntries</c> changes (two here): the requests that
/// would take it beyond wait for the next turn, and a request larger than the bound is applied
/// whole, in a group of its own.
/// </summary>
public sealed class supplying_in_groups_of_bounded_size : GroupingFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Capacity:MaxGroupEntries"] = "2",
    };

    [Test]
    public async Task Given_more_changes_waiting_than_a_group_holds_When_the_turn_comes_Then_the_group_stops_at_the_bound_and_a_larger_request_runs_alone()
    {
        await PublishLieux();

        var (first, queued) = await BehindAHeldTurn(
            PatchRequest(ByIdentifierOf("b"), Add(Record(4, At(1)))),
            PatchRequest(ByIdentifierOf("c"), Add(Record(5, At(1)))),
            BundleRequest(Bundle("transaction",
                [.. new[] { "01", "02", "03" }.Select(temporality => (ByIdentifierOf("d")["/fhir/".Length..], Add(Record(6, At(1), temporality: temporality)), (string?)null))])));

        var responses = await Task.WhenAll([first, .. queued]);
        var transactions = await TransactionsOf([Stream("a"), .. Others.Select(Stream)]);
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK),
                string.Join("\n", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))));
            Assert.That(transactions.Values.Select(t => t.Count), Is.All.EqualTo(1), "each request applied in one transaction");
            Assert.That(transactions[Stream("c")], Is.EqualTo(transactions[Stream("b")]), "the two single changes filled a group");
            Assert.That(transactions[Stream("d")], Is.Not.EqualTo(transactions[Stream("b")]), "the three changes did not fit beside them");
            Assert.That(await CapacityEvents(Unit("d")), Has.Count.EqualTo(3), "a request larger than a group is applied whole, alone");
        });
    }
}
