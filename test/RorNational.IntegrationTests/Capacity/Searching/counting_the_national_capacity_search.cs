using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RorNational.Fhir.Access;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Search.Indexing.KeptCounts;
using RorNational.Fhir.Search.Querying;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Search;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Capacity.Searching.ServiceCapacityTable;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Capacity.Searching;

/// <summary>
/// The exact total of the guide's national capacity search (HealthcareService?location.capacity-status=02&amp;location.nb-capacity=gt0)
/// is read from the counts the index keeps (ServiceCapacityCounts): for every profile it is the
/// number of UO the profile finds, whichever writer changed the rows and however many at once,
/// after a fold, and on a database that had no counts yet.
/// </summary>
public sealed class counting_the_national_capacity_search : SupplyingFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Server:MaxConcurrentWrites"] = "4",
        ["Server:MaxConcurrentWritesUnread"] = "4",
        // Folded by the tests when they mean it.
        ["Search:CountFoldInterval"] = "01:00:00",
    };

    private const string Available = "HealthcareService?location.capacity-status=02&location.nb-capacity=gt0";
    private const string LieuB = "1010000024/CARDIO-B";
    private static readonly string[] Profiles = ["public", "professional", "crisis"];

    [Test]
    public async Task each_profile_counts_the_offers_it_may_find()
    {
        await TwoOffers();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByLieuB, Add(Record(5, At(0))))).EnsureOk();
        Assert.That(await TotalsByProfile(), Is.EqualTo(new Dictionary<string, int> { ["public"] = 0, ["professional"] = 1, ["crisis"] = 2 }),
            "the sensitive UO's reference is above the professional's level; beds are above the public's");

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(0, At(5))))).EnsureOk();
        Assert.That(await TotalsByProfile(), Is.EqualTo(new Dictionary<string, int> { ["public"] = 0, ["professional"] = 1, ["crisis"] = 1 }),
            "lieu A has no bed any more: the UO of lieu B only");
        await AssertKeptCountsOfTheRows();

        var engine = App.Services.GetRequiredService<SearchEngine>();
        var profile = App.Services.GetRequiredService<AccessProfiles>().Of("professional");
        var (count, _) = await engine.ExplainAsync(SearchRequests.Parse(App.Services, "HealthcareService", Available["HealthcareService?".Length..]), profile,
            analyze: false, CancellationToken.None);
        Assert.That(count, Does.Contain(ServiceCapacityCounts.Table).And.Not.Contain("fhir_search_service_capacity_indicator"), count);
    }

    [Test, CancelAfter(60_000)]
    public async Task both_lieux_of_an_offer_emptied_at_once_leave_it_uncounted()
    {
        await TwoOffers();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByLieuB, Add(Record(5, At(0))))).EnsureOk();
        Assert.That(await Total(Available), Is.EqualTo(2));
        // The lieu's availability figures are written after its index rows: the first change is held there.
        await using var hold = await HeldRows.TakeAsync(ConnectionString, $"select 1 from {AvailabilityFiguresTable.QualifiedName(Schema)} for update");

        var emptyingA = Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(0, At(5)))));
        await hold.UntilWaitingAsync(1);
        var emptyingB = Supplier.SendAsync(PatchRequest(ByLieuB, Replace(Selector(), Record(0, At(5)))));
        await hold.UntilDoneOrWaitingAsync(emptyingB, 2);
        await hold.ReleaseAsync();

        Assert.That((await emptyingA).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await emptyingB).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Total(Available + "&_summary=count"), Is.Zero, "no UO has a bed: each change counted what the other committed");
        await AssertKeptCountsOfTheRows();
    }

    [Test]
    public async Task a_fold_keeps_the_sums_in_one_row_each()
    {
        await TwoOffers();
        foreach (var (count, minute) in new[] { (3, 0), (0, 1), (4, 2), (0, 3), (2, 4) })
            await Supplier.SendAsync(PatchRequest(ByIdentifier, minute == 0 ? Add(Record(count, At(minute))) : Replace(Selector(), Record(count, At(minute))))).EnsureOk();
        var before = await Counts(ConnectionString, Schema);
        Assert.That((await RowsAndKeys()).Rows, Is.GreaterThan(before.Kept.Count), "a change per statement");

        var written = (await App.Services.GetServices<IHostedService>().OfType<KeptCountFolding>().Single().FoldAsync(CancellationToken.None))[ServiceCapacityCounts.Table];

        Assert.That(written, Is.EqualTo(before.Kept.Count));
        Assert.That(await RowsAndKeys(), Is.EqualTo((before.Kept.Count, before.Kept.Count)), "one row per status and signature");
        await AssertKeptCountsOfTheRows();
        Assert.That((await Counts(ConnectionString, Schema)).Kept, Is.EqualTo(before.Kept));
        Assert.That(await Total(Available), Is.EqualTo(2));
    }

    [Test]
    public async Task a_database_that_had_no_counts_gets_them_when_they_are_created()
    {
        await TwoOffers();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        await Sql.Rows(ConnectionString, $"drop table {Schema}.{ServiceCapacityCounts.Table}", _ => 0);

        await App.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var (kept, ofRows) = await Counts(ConnectionString, Schema);
        Assert.That(kept, Is.EqualTo(ofRows).And.Not.Empty);
        Assert.That(await Total(Available), Is.EqualTo(2));
    }

    private string Schema => App.Store.Options.DatabaseSchemaName;

    private static string ByLieuB => "/fhir/Location?identifier=" + LieuB;

    /// <summary>The hospital; lieu B; the cardiology UO, sensitive, in lieu A; a second UO in lieux A and B.</summary>
    private async Task TwoOffers()
    {
        await PublishLieu();
        await Client.Accept(await Client.SubmitDossier(
            ("lieu-batiment-b", ServiceCapacityTable.LieuB()),
            ("uo-cardio-hc", OfferIn("lieu-batiment-a", sensitive: true)),
            ("uo-cardio-2", OfferIn("lieu-batiment-a", "lieu-batiment-b")))).EnsureOk();
    }

    /// <summary>
    /// Each profile's total, read three ways that must agree: counted alone (_summary=count),
    /// counted for a first page that has a next (_count=1), and the matches of one page.
    /// </summary>
    private async Task<Dictionary<string, int>> TotalsByProfile()
    {
        var totals = new Dictionary<string, int>();
        foreach (var profile in Profiles)
        {
            using var client = App.ClientFor("test-consumer-" + profile);
            var counted = await Total(Available + "&_summary=count", client);
            var page = JsonNode.Parse(await client.GetStringAsync("/fhir/" + Available))!;
            var matches = (page["entry"] as JsonArray ?? []).Count;
            Assert.That(counted, Is.EqualTo(matches), profile);
            if (matches > 1) Assert.That(await Total(Available + "&_count=1", client), Is.EqualTo(matches), profile + ", a first page with a next");
            totals[profile] = counted;
        }
        return totals;
    }

    private async Task AssertKeptCountsOfTheRows()
    {
        var (kept, ofRows) = await Counts(ConnectionString, Schema);
        Assert.That(kept, Is.EqualTo(ofRows), "the kept counts are those of the rows");
    }

    private async Task<(int Rows, int Keys)> RowsAndKeys() => (await Sql.Rows(ConnectionString,
        $"select count(*)::int, count(distinct (status, signature))::int from {Schema}.{ServiceCapacityCounts.Table}", r => (r.GetInt32(0), r.GetInt32(1)))).Single();

    private async Task<int> Total(string query, HttpClient? client = null) =>
        JsonNode.Parse(await (client ?? Client).GetStringAsync("/fhir/" + query))!["total"]!.GetValue<int>();
}
