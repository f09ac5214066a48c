using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Search.Querying;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// A first page that holds every match is its own total: no count runs for it. Here every
/// count is large (Search:SmallCountBound zero) and the node's one turn is held, so a search
/// that counted would wait Search:LargeCountWait and answer 503; one that answers 200 with its
/// exact total did not count.
/// </summary>
public sealed class totals_of_first_pages : SearchFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Search:SmallCountBound"] = "00:00:00",
        ["Search:LargeCountsAtOnce"] = "1",
        ["Search:LargeCountWait"] = "00:00:00.300",
    };

    private LargeCounts Turns => App.Services.GetRequiredService<LargeCounts>();

    [Test]
    public async Task a_first_page_holding_every_match_gives_its_exact_total_without_counting()
    {
        JsonNode whole;
        using (await Turns.TurnAsync(CancellationToken.None))
        {
            whole = await Found("/fhir/HealthcareService?_count=1000");
            Assert.That(whole["total"]!.GetValue<int>(), Is.EqualTo(whole["entry"]!.AsArray().Count).And.GreaterThan(5));
            var none = await Found("/fhir/HealthcareService?name=no-such-service-anywhere");
            Assert.That(none["total"]!.GetValue<int>(), Is.Zero);
            Assert.That(none["entry"], Is.Null);
        }
        // The same search in pages of 2 is counted, once the turn is free: the same total.
        var paged = await Found("/fhir/HealthcareService?_count=2");
        Assert.That(paged["total"]!.GetValue<int>(), Is.EqualTo(whole["total"]!.GetValue<int>()));
        Assert.That(paged["entry"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [TestCase("/fhir/HealthcareService?_count=2", TestName = "a first page with more after it")]
    [TestCase("/fhir/HealthcareService?_summary=count", TestName = "a count alone")]
    public async Task a_search_that_needs_a_count_waits_for_a_turn(string search)
    {
        using (await Turns.TurnAsync(CancellationToken.None))
        {
            var response = await Client.GetAsync(search);
            Assert.That((int)response.StatusCode, Is.EqualTo(503), await response.Content.ReadAsStringAsync());
        }
        Assert.That((await Found(search))["total"]!.GetValue<int>(), Is.GreaterThan(5));
    }

    private async Task<JsonNode> Found(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return JsonNode.Parse(body)!;
    }
}
