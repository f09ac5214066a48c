using System.Net;
using System.Text.Json.Nodes;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Search.Indexing.Capacity;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Capacity.Searching.ServiceCapacityTable;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Capacity.Searching;

/// <summary>
/// An editor moves a UO out of its lieu while a supplier adds an indicator to that lieu, the two
/// transactions overlapping: each is held, by a row lock taken from outside, after it wrote its
/// rows of fhir_search_service_capacity and before it commits, while the other runs. Each side
/// locks the lieux' resource rows first (ServiceCapacityRows), so the other waits and derives its
/// rows from what the first committed. Without those locks the supplier's transaction derives a
/// row from the reference the editor's was replacing, and the UO is found in a lieu it left.
/// </summary>
public sealed class searching_offers_by_their_lieux_capacity_under_concurrent_writes : SupplyingFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Server:MaxConcurrentWrites"] = "4",
        ["Server:MaxConcurrentWritesUnread"] = "4",
    };

    private const string Occupied = "HealthcareService?location.capacity-status=03";

    [Test, CancelAfter(60_000)]
    public async Task the_editor_held_before_it_commits()
    {
        var dossier = await Given();
        // The publication's state is written after its index rows.
        await using var hold = await HeldRows.TakeAsync(ConnectionString, $"select 1 from {Schema}.mt_doc_publicationstate for update");

        var editing = Client.Accept(dossier);
        await hold.UntilWaitingAsync(1);
        var supplying = Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(2, At(9), status: "03"))));
        await hold.UntilDoneOrWaitingAsync(supplying, 2);
        await hold.ReleaseAsync();

        await Then(editing, supplying);
    }

    [Test, CancelAfter(60_000)]
    public async Task the_supplier_held_before_it_commits()
    {
        var dossier = await Given();
        // The lieu's availability figures are written after its index rows.
        await using var hold = await HeldRows.TakeAsync(ConnectionString, $"select 1 from {AvailabilityFiguresTable.QualifiedName(Schema)} for update");

        var supplying = Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(2, At(9), status: "03"))));
        await hold.UntilWaitingAsync(1);
        var editing = Client.Accept(dossier);
        await hold.UntilDoneOrWaitingAsync(editing, 2);
        await hold.ReleaseAsync();

        await Then(editing, supplying);
    }

    private string Schema => App.Store.Options.DatabaseSchemaName;

    /// <summary>The UO in lieu A, which has beds; lieu B published; a dossier moving the UO to B, submitted.</summary>
    private async Task<string> Given()
    {
        await PublishLieu();
        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-b", LieuB()))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        Assert.That(await Total("HealthcareService?location.capacity-status=02"), Is.EqualTo(1));
        var moved = UO();
        moved["uo"]!["lieuIds"] = new JsonArray("lieu-batiment-b");
        var dossier = await Client.OpenDossier();
        await Client.DraftFiche(dossier, "uo-cardio-hc", moved).EnsureOk();
        await Client.Finalize(dossier, "uo-cardio-hc").EnsureOk();
        await Client.Submit(dossier).EnsureOk();
        return dossier;
    }

    private async Task Then(Task<HttpResponseMessage> editing, Task<HttpResponseMessage> supplying)
    {
        var (edited, supplied) = (await editing, await supplying);
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
        Assert.That(supplied.StatusCode, Is.EqualTo(HttpStatusCode.OK), await supplied.Content.ReadAsStringAsync());
        Assert.That(await Total("Location?capacity-status=03"), Is.EqualTo(1), "the lieu has the new indicator");
        Assert.That(await Total(Occupied), Is.Zero, "the UO left the lieu");
        Assert.That(await Total("HealthcareService?location.capacity-status=02"), Is.Zero);
        Assert.That(await ServiceCapacityTable.Rows(ConnectionString, Schema), Is.Empty, "nothing derived from the reference the editor replaced");
        Assert.That((await Counts(ConnectionString, Schema)).Kept, Is.Empty, "nothing counted either");
    }

    private async Task<int> Total(string query) =>
        JsonNode.Parse(await Client.GetStringAsync("/fhir/" + query))!["total"]!.GetValue<int>();
}
