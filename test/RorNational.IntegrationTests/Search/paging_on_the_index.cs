using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Querying;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// A search of one index lookup sorted by id is paged on the index alone
/// (SearchEngine.PageQuery): walked forward on pages of two and back again, it gives the same
/// matches, in the same order, each once, as the same search paged through the resource table
/// (a criterion on _lastUpdated that every resource meets keeps the search there).
/// </summary>
public sealed class paging_on_the_index : SearchFixture
{
    private const string ThroughTheResourceTable = "&_lastUpdated=ge2000-01-01T00:00:00Z";

    [TestCase("HealthcareService?organization.identifier=690000013,010000024", TestName = "a chain")]
    [TestCase("HealthcareService?organization:above.identifier=690000013,010000024", TestName = "a chain up a hierarchy")]
    [TestCase("HealthcareService?_filter=characteristic eq 28 or name sw h", TestName = "a union of lookups")]
    [TestCase("HealthcareService?name=a,e,h,p,u,s,c,i,o", TestName = "a string of several prefixes")]
    [TestCase("HealthcareService?_content=hebergement,psychiatr,generale", TestName = "the full text")]
    [TestCase("HealthcareService?age-range-low=le100", TestName = "a number")]
    [TestCase("HealthcareService?characteristic=28,32", TestName = "a token of several values")]
    [TestCase("HealthcareService?characteristic=28", TestName = "a token of one value")]
    [TestCase("Location?near=46.20|5.22|800|km", TestName = "a position")]
    [TestCase("HealthcareService?age-range-low=le100&_sort=-_id", TestName = "sorted by id descending")]
    public async Task pages_of_the_index_hold_the_matches_of_the_resource_table_in_order(string search) =>
        await AssertPagedOnTheIndex(search);

    [Test]
    public async Task a_resource_matched_by_several_index_rows_of_the_lookup_is_on_one_page_once()
    {
        // The parameter most UO have several codes of, and every code they have.
        var (param, codes) = (await Sql.Rows(ConnectionString,
            "select param, array_agg(distinct code) from (select param, id, unnest(array_agg(code)) code from ror.fhir_search_token " +
            "where resource_type = 'HealthcareService' and param not like '\\_%' group by param, id having count(distinct code) >= 2) several " +
            "group by param order by count(distinct id) desc, param limit 1",
            r => (r.GetString(0), r.GetFieldValue<string[]>(1)))).Single();
        await AssertPagedOnTheIndex($"HealthcareService?{param}={string.Join(',', codes.Select(Uri.EscapeDataString))}");
    }

    /// <summary>The page's plan: the lookup's index alone, where the resource table used to be joined.</summary>
    [TestCase("HealthcareService", "characteristic=28")]
    [TestCase("HealthcareService", "_content=hebergement")]
    [TestCase("Location", "near=46.20|5.22|800|km&_sort=-_id")]
    public async Task the_page_of_one_lookup_does_not_read_the_resource_table(string type, string query)
    {
        var engine = App.Services.GetRequiredService<SearchEngine>();
        var profile = App.Services.GetRequiredService<AccessProfiles>().Of("public");
        var (_, page) = await engine.ExplainAsync(SearchRequests.Parse(App.Services, type, query), profile, analyze: false, CancellationToken.None);
        Assert.That(page, Does.Not.Contain("fhir_search_resource"), page);
        var (_, sortedByUpdate) = await engine.ExplainAsync(SearchRequests.Parse(App.Services, type, query + "&_sort=_lastUpdated"), profile, analyze: false, CancellationToken.None);
        Assert.That(sortedByUpdate, Does.Contain("fhir_search_resource"), "sorted on the resource's own columns, the page reads them");
    }

    private async Task AssertPagedOnTheIndex(string search)
    {
        var expected = await Matches(search + ThroughTheResourceTable + "&_count=1000");
        Assert.That(expected, Has.Count.GreaterThan(3), $"{search}: the test needs more than one page of two");
        Assert.That(expected, Is.Unique);

        var forward = new List<string>();
        var bundle = await Search(search + "&_count=2");
        while (true)
        {
            forward.AddRange(MatchesOf(bundle));
            var next = bundle.Link.SingleOrDefault(l => l.Relation == "next");
            if (next is null || forward.Count > expected.Count) break;
            bundle = await Follow(next.Url!);
        }
        Assert.That(forward, Is.EqualTo(expected), $"{search}: forward");

        var backward = new List<string>();
        while (true)
        {
            backward.InsertRange(0, MatchesOf(bundle));
            var previous = bundle.Link.SingleOrDefault(l => l.Relation == "previous");
            if (previous is null || backward.Count > expected.Count) break;
            bundle = await Follow(previous.Url!);
        }
        Assert.That(backward, Is.EqualTo(expected), $"{search}: back from the last page");
    }

    private static IEnumerable<string> MatchesOf(Bundle bundle) =>
        bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id!);
}
