using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.Fhir.Search.Querying;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Search;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Capacity.Searching.ServiceCapacityTable;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Capacity.Searching;

/// <summary>
/// The guide's capacity search of the offer (HealthcareService?location.capacity-status=02&amp;location.nb-capacity=gt0)
/// reads fhir_search_service_capacity, whose rows the publication derives from each UO's references
/// to its lieux and their indicators: whichever side changes (a supplier's figures, the UO's lieux,
/// a lieu removed), the UO is found exactly when the chain through its lieux would find it, and the
/// table holds what the other two derive.
/// </summary>
public sealed class searching_offers_by_their_lieux_capacity : SupplyingFixture
{
    private const string Available = "HealthcareService?location.capacity-status=02&location.nb-capacity=gt0";

    [Test]
    public async Task a_supplier_change_moves_the_offer_in_and_out_of_the_search()
    {
        var uo = await PublishedOffer();
        Assert.That(await Matches(Available), Is.Empty, "no indicator yet");

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        Assert.That(await Matches(Available), Is.EqualTo(new[] { uo }));
        await AssertDerived();

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(0, At(5))))).EnsureOk();
        Assert.That(await Matches(Available), Is.Empty, "no bed available any more");
        Assert.That(await Matches("HealthcareService?location.capacity-status=02&location.nb-capacity=0"), Is.EqualTo(new[] { uo }));

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(7, At(6), status: "01")))).EnsureOk();
        Assert.That(await Matches("HealthcareService?location.capacity-status=01&location.nb-capacity=7"), Is.EqualTo(new[] { uo }),
            "an indicator added beside the other");
        Assert.That(await Matches("HealthcareService?location.capacity-status=02&location.nb-capacity=0"), Is.EqualTo(new[] { uo }),
            "the untouched indicator stays");

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Delete(Selector()))).EnsureOk();
        Assert.That(await Matches("HealthcareService?location.capacity-status=02"), Is.Empty, "deleted");
        await AssertDerived();
    }

    [Test]
    public async Task the_offer_follows_its_lieux_when_its_description_changes()
    {
        var uo = await PublishedOffer();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();

        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-b", LieuB()), ("uo-cardio-hc", OfferIn("lieu-batiment-a", "lieu-batiment-b")))).EnsureOk();
        Assert.That(await Matches(Available), Is.EqualTo(new[] { uo }), "one of its two lieux has beds: found once");
        await AssertDerived();

        await Client.Accept(await Client.SubmitDossier(("uo-cardio-hc", OfferIn("lieu-batiment-b")))).EnsureOk();
        Assert.That(await Matches(Available), Is.Empty, "its lieu has no indicator");
        Assert.That(await Rows($"where id = '{uo}'"), Is.Empty);

        await Client.Accept(await Client.SubmitDossier(("uo-cardio-hc", OfferIn("lieu-batiment-a")))).EnsureOk();
        Assert.That(await Matches(Available), Is.EqualTo(new[] { uo }), "back in the lieu with beds");
        await AssertDerived();
    }

    [Test]
    public async Task a_lieu_removed_with_the_offer_moved_out_of_it_takes_its_rows_along()
    {
        var uo = await PublishedOffer();
        var zone = await Zone(LieuUnit);
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();

        var dossier = await Client.SubmitDossier(("lieu-batiment-b", LieuB()), ("uo-cardio-hc", OfferIn("lieu-batiment-b")));
        await Client.Accept(dossier).EnsureOk();
        await Client.RemoveThroughDossier("lieu-batiment-a");

        Assert.That(await Matches(Available), Is.Empty);
        Assert.That(await Rows($"where location_id = '{zone.LocationId}'"), Is.Empty);
        await AssertDerived();
    }

    [Test]
    public async Task the_classes_a_lieu_takes_from_another_unit_reach_the_rows_of_the_unit_that_did_not_change()
    {
        var uo = await PublishedOffer();
        await Client.Accept(await Client.SubmitDossier(("uo-cardio-hc", OfferIn("lieu-batiment-a", sensitive: true)), ("uo-cardio-2", OfferIn("lieu-batiment-a")))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        var before = await Rows($"where id = '{uo}'");
        var other = (await Matches(Available)).Except([uo]).Single();
        using var professional = App.ClientFor("test-consumer-professional");
        Assert.That(await Matches(Available, professional), Is.EqualTo(new[] { other }),
            "the indicator is visible to a professional, the sensitive unit's reference to it is not");

        // The other unit flagged sensitive: the lieu now serves sensitive units only, and its
        // indicators are classified so. The first unit's rendering is unchanged and not stored again.
        await Client.Accept(await Client.SubmitDossier(("uo-cardio-2", OfferIn("lieu-batiment-a", sensitive: true)))).EnsureOk();

        Assert.That(await Rows($"where id = '{uo}'"), Is.Not.EqualTo(before).And.Not.Empty, "the indicator's classes changed");
        await AssertDerived();
        Assert.That(await Matches(Available, professional), Is.Empty);
        Assert.That(await Matches(Available), Has.Length.EqualTo(2), "the crisis profile sees both");
    }

    [Test]
    public async Task a_database_that_had_no_such_table_gets_its_rows_when_it_is_created()
    {
        var uo = await PublishedOffer();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        var before = await Rows("");
        await Sql.Rows(ConnectionString, $"drop table {Schema}.fhir_search_service_capacity", _ => 0);

        await App.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.That(await Rows(""), Is.EqualTo(before).And.Not.Empty);
        Assert.That(await Matches(Available), Is.EqualTo(new[] { uo }));
    }

    [Test]
    public async Task the_search_reads_neither_the_references_nor_the_lieux()
    {
        var engine = App.Services.GetRequiredService<SearchEngine>();
        var profile = App.Services.GetRequiredService<AccessProfiles>().Of("public");
        var (count, page) = await engine.ExplainAsync(SearchRequests.Parse(App.Services, "HealthcareService", Available["HealthcareService?".Length..]), profile,
            analyze: false, CancellationToken.None);
        foreach (var plan in new[] { count, page })
            Assert.That(plan, Does.Contain("fhir_search_service_capacity").And.Not.Contain("fhir_search_reference").And.Not.Contain("fhir_search_capacity"), plan);
    }

    private string Schema => App.Store.Options.DatabaseSchemaName;

    /// <summary>Publishes the hospital; the id of its UO, which names the fed lieu.</summary>
    private async Task<string> PublishedOffer()
    {
        var zone = await PublishLieu();
        var bundle = JsonNode.Parse(await Client.GetStringAsync($"/fhir/HealthcareService?location=Location/{zone.LocationId}"))!;
        return bundle["entry"]!.AsArray().Single()!["resource"]!["id"]!.GetValue<string>();
    }

    private async Task<string[]> Matches(string query, HttpClient? client = null)
    {
        var bundle = JsonNode.Parse(await (client ?? Client).GetStringAsync("/fhir/" + query))!;
        Assert.That(bundle["total"]?.GetValue<int>(), Is.EqualTo((bundle["entry"] as JsonArray ?? []).Count), query);
        return (bundle["entry"] as JsonArray ?? []).Select(e => e!["resource"]!["id"]!.GetValue<string>()).ToArray();
    }

    private Task<List<string>> Rows(string where) => ServiceCapacityTable.Rows(ConnectionString, Schema, where);

    /// <summary>The table holds exactly the rows its two sources derive, each once, and the kept counts are those of its rows.</summary>
    private async Task AssertDerived()
    {
        Assert.That(await Rows(""), Is.EqualTo(await ServiceCapacityTable.Derived(ConnectionString, Schema)));
        var (kept, ofRows) = await Counts(ConnectionString, Schema);
        Assert.That(kept, Is.EqualTo(ofRows), "the kept counts");
    }
}
