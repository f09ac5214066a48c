using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// A search of one index lookup is counted on the index alone (SearchEngine.CountQuery): its
/// total, counted on pages of one, equals the matches a page of a thousand holds, without a
/// count, for each kind of lookup, each caller's profile, and a resource matched by several
/// index rows of the lookup counted once.
/// </summary>
public sealed class counting_on_the_index : SearchFixture
{
    [TestCase("/fhir/HealthcareService?organization.identifier=690000013,010000024", TestName = "a chain")]
    [TestCase("/fhir/HealthcareService?location.address-postalcode=0,1,2,3,4,5,6,7,8,9", TestName = "a chain to a string")]
    [TestCase("/fhir/HealthcareService?organization:above.identifier=690000013,010000024", TestName = "a chain up a hierarchy")]
    [TestCase("/fhir/HealthcareService?_filter=specialty eq 270 or name sw h", TestName = "a union of lookups")]
    [TestCase("/fhir/HealthcareService?name=a,e,h,p,u,s,c,i,o", TestName = "a string of several prefixes")]
    [TestCase("/fhir/HealthcareService?_content=hebergement,psychiatr,generale", TestName = "the full text")]
    [TestCase("/fhir/HealthcareService?age-range-low=le100", TestName = "a number")]
    [TestCase("/fhir/HealthcareService?specialty=270,439", TestName = "a token of several values")]
    [TestCase("/fhir/Location?near=46.20|5.22|800|km", TestName = "a position")]
    public async Task the_total_counted_on_the_index_is_the_number_of_matches(string search)
    {
        foreach (var client in new[] { "test-public", "test-consumer-professional", "test-consumer-crisis" })
            await AssertCounted(App.ClientFor(client), search);
    }

    [Test]
    public async Task a_resource_matched_by_several_index_rows_of_the_lookup_is_counted_once()
    {
        var (param, codes) = (await Sql.Rows(ConnectionString,
            "select param, array_agg(distinct code) from ror.fhir_search_token where resource_type = 'HealthcareService' and param not like '\\_%' " +
            "group by param, id having count(distinct code) >= 2 order by param, id limit 1",
            r => (r.GetString(0), r.GetFieldValue<string[]>(1)))).Single();
        var matches = await AssertCounted(App.ClientFor("test-consumer-crisis"), $"/fhir/HealthcareService?{param}={string.Join(',', codes.Select(Uri.EscapeDataString))}");
        Assert.That(matches, Is.GreaterThan(1));
    }

    /// <summary>The total of the search on pages of one (counted) against the matches of one page of a thousand (not counted).</summary>
    private static async Task<int> AssertCounted(HttpClient client, string search)
    {
        var all = await Found(client, search + "&_count=1000");
        var matches = all["entry"]?.AsArray().Count(e => e!["search"]!["mode"]!.GetValue<string>() == "match") ?? 0;
        Assert.That(all["total"]!.GetValue<int>(), Is.EqualTo(matches), search);
        Assert.That(matches, Is.GreaterThan(1), $"{search}: the test needs a search with more than one match");
        var counted = await Found(client, search + "&_count=1");
        Assert.That(counted["total"]!.GetValue<int>(), Is.EqualTo(matches), $"{search}: counted");
        return matches;
    }

    private static async Task<JsonNode> Found(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
        return JsonNode.Parse(body)!;
    }
}
