using System.Net;
using System.Text.Json.Nodes;
using RorNational.Domain.Capacity;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>Retries, replays and concurrent suppliers: applied once, answered the same, nothing lost.</summary>
public sealed class supplying_concurrently : SupplyingFixture
{
    [Test]
    public async Task Given_16_concurrent_replays_of_one_request_When_sent_Then_it_is_applied_once_and_each_gets_the_same_answer()
    {
        await PublishLieu();
        var requestId = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(_ => Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), requestId: requestId))));
        var later = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), requestId: requestId));

        var answers = await Task.WhenAll(responses.Append(later).Select(async r =>
            $"{(int)r.StatusCode} {r.Headers.ETag} {r.Content.Headers.LastModified:R} {await r.Content.ReadAsStringAsync()}"));
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK), answers[0]);
            Assert.That(answers.Distinct().Count(), Is.EqualTo(1), string.Join("\n", answers.Distinct()));
            Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Given_a_request_id_already_used_When_another_body_comes_with_it_Then_409_and_nothing_applied()
    {
        await PublishLieu();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), requestId: "r-1")).EnsureOk();

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(4, At(5))), requestId: "r-1")));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(409), outcome.Body);
            Assert.That(outcome.Expressions, Is.EqualTo(new[] { "X-Request-Id" }));
            Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Given_the_same_request_id_from_another_client_When_sent_Then_it_is_a_request_of_its_own()
    {
        await PublishLieu();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), requestId: "r-1")).EnsureOk();

        var response = await Client.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(4, At(5))), requestId: "r-1"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Given_a_bundle_sent_twice_with_its_identifier_When_replayed_Then_it_is_applied_once_and_answered_the_same()
    {
        await PublishLieu();
        var bundle = Bundle("transaction", [("Location?identifier=" + Identifier, Add(Record(3, At(0))), null)], identifier: "b-1");

        var answers = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var response = await Supplier.SendAsync(BundleRequest(bundle));
            answers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.That(answers[0], Does.StartWith("200"));
        Assert.That(answers[1], Is.EqualTo(answers[0]));
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Given_concurrent_changes_to_different_indicators_of_one_Location_When_sent_Then_none_is_lost()
    {
        await PublishLieu();
        var keys = new[] { "01", "02", "03", "04", "05" }.SelectMany(temporality => new string?[] { null, "01", "02", "04" }
            .Select(gender => (temporality, gender))).ToList();

        var responses = await Task.WhenAll(keys.Select(k =>
            Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(2, At(0), temporality: k.temporality, gender: k.gender))))));

        var events = (await CapacityEvents()).Select(e => e.Data).ToList();
        var state = events.Aggregate((LieuCapacity?)null, (s, e) => LieuCapacity.Evolve(s, "capacity-" + LieuUnit, e))!;
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK),
                string.Join("\n", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))));
            Assert.That(state.Indicators, Has.Count.EqualTo(keys.Count));
        });
    }
}
