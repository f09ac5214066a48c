using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Fhir.Search.Querying;

namespace RorNational.IntegrationTests.Search;

/// <summary>Totals, keyset pages and their links, sorting, and includes that page too.</summary>
public sealed class paging_search_results : SearchFixture
{
    // Included resources per page, small enough for the samples to overflow it.
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<SearchOptions>(options => options.MaxIncludesPerPage = 2);

    [Test]
    public async Task the_default_page_has_200_entries_and_an_exact_total()
    {
        var bundle = await Search("Organization");
        Assert.That(bundle.Type, Is.EqualTo(Bundle.BundleType.Searchset));
        Assert.That(bundle.Total, Is.EqualTo(bundle.Entry.Count).And.GreaterThan(40), "fewer than 200: one page");
        Assert.That(bundle.Link.Select(l => l.Relation), Is.EqualTo(new[] { "self" }));
        Assert.That(bundle.Entry.All(e => e.FullUrl == $"{Client.BaseAddress!.ToString().TrimEnd('/')}/fhir/Organization/{e.Resource!.Id}"));
        Assert.That((await Search("Organization?_summary=count")).Entry, Is.Empty);
        Assert.That((await Search("Organization?_summary=count")).Total, Is.EqualTo(bundle.Total));
        Assert.That((await Search("Organization?_count=0")).Total, Is.EqualTo(bundle.Total));
        Assert.That((await Search("Organization?_total=none&_count=1")).Total, Is.Null);
    }

    [Test]
    public async Task next_links_walk_every_match_once_even_while_the_data_change_underneath()
    {
        var total = (await Search("Organization?_summary=count")).Total;
        var seen = new List<string>();
        var bundle = await Search("Organization?_count=7");
        var pages = 0;
        while (true)
        {
            pages++;
            Assert.That(bundle.Total, Is.EqualTo(total));
            seen.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
            // Meanwhile an editor renames establishments: new versions, new lastUpdated.
            await Client.PatchAsJsonAsync($"/api/establishments/{Lyon}", new { operationalName = $"HEH {pages}" }).EnsureOk();
            var next = bundle.Link.SingleOrDefault(l => l.Relation == "next");
            if (next is null) break;
            bundle = await Follow(next.Url!);
        }
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(total));
        Assert.That(pages, Is.EqualTo((int)Math.Ceiling(total!.Value / 7.0)));
        Assert.That(seen, Is.Ordered.Using<string>(StringComparer.Ordinal), "by id by default");
    }

    [Test]
    public async Task a_previous_link_returns_the_page_before()
    {
        var first = await Search("HealthcareService?_count=5");
        var second = await Follow(first.Link.Single(l => l.Relation == "next").Url!);
        var back = await Follow(second.Link.Single(l => l.Relation == "previous").Url!);
        Assert.That(back.Entry.Select(e => e.Resource!.Id), Is.EqualTo(first.Entry.Select(e => e.Resource!.Id)));
        Assert.That(first.Link.Any(l => l.Relation == "previous"), Is.False);
        var third = await Follow(second.Link.Single(l => l.Relation == "next").Url!);
        Assert.That(third.Link.Any(l => l.Relation == "next"), Is.False, "15 services, 5 per page");
    }

    [Test]
    public async Task sorting_by_name_and_by_last_update_both_ways()
    {
        var byName = await AllPages("HealthcareService?_sort=name&_count=4");
        Assert.That(byName, Has.Count.EqualTo(15), "the 13 UO of the samples and Lyon's 2");
        // Sorted by the name every profile may see: a sensitive unit's is hidden, so it comes first.
        Assert.That(byName[0], Is.EqualTo(SensitiveUO));
        var names = await Names(byName.Skip(1).ToList());
        Assert.That(names, Is.Ordered.Using<string>(StringComparer.Ordinal));
        var byNameDescending = await AllPages("HealthcareService?_sort=-name&_count=4");
        Assert.That(byNameDescending, Is.EqualTo(Enumerable.Reverse(byName)));
        var recentFirst = await Search("HealthcareService?_sort=-_lastUpdated");
        var updated = recentFirst.Entry.Select(e => e.Resource!.Meta!.LastUpdated!.Value).ToList();
        Assert.That(updated, Is.Ordered.Descending);
    }

    // By _id the page goes through the resource table; by identifier (one index lookup) it is read on the index alone.
    [TestCase("_id=" + Lyon)]
    [TestCase("identifier=690000013")]
    public async Task includes_beyond_a_page_continue_on_the_next_pages_never_truncated(string criterion)
    {
        // The EG's units below it and the UO they provide: 5 resources, 2 per page here.
        var query = $"Organization?{criterion}&_revinclude=Organization:partof&_revinclude:iterate=Organization:partof" +
                    "&_revinclude:iterate=HealthcareService:organization";
        var matches = new List<string>();
        var includes = new List<string>();
        var bundle = await Search(query);
        while (true)
        {
            Assert.That(bundle.Total, Is.EqualTo(1));
            matches.AddRange(bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id!));
            includes.AddRange(bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource!.Id!));
            var next = bundle.Link.SingleOrDefault(l => l.Relation == "next");
            if (next is null) break;
            bundle = await Follow(next.Url!);
        }
        Assert.That(matches, Is.EqualTo(new[] { Lyon }));
        Assert.That(includes, Is.EquivalentTo(new[]
        {
            Unit("690000013-pole-psy"), Unit("690000013-service-psy"), Unit("690000013-uf-psy"), PsychiatryUO, SensitiveUO,
        }));
    }

    private async Task<List<string>> AllPages(string query)
    {
        var ids = new List<string>();
        var bundle = await Search(query);
        while (true)
        {
            ids.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
            var next = bundle.Link.SingleOrDefault(l => l.Relation == "next");
            if (next is null) return ids;
            bundle = await Follow(next.Url!);
        }
    }

    private async Task<List<string>> Names(List<string> ids)
    {
        var bundle = await Search($"HealthcareService?_id={string.Join(',', ids)}&_sort=name");
        return bundle.Entry.Select(e => RorNational.Fhir.Search.Indexing.TextNormalizer.Normalize(((HealthcareService)e.Resource!).Name!)).ToList();
    }
}
