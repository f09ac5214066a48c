using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Finess;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Provenance;

/// <summary>
/// The sample hospital (EG 010000024) after a FINESS import, a dossier written by its editor and
/// accepted by the ARA validator (with a sensitive UO), a dossier rejected with its reason, three
/// direct edits (one of the sensitive UO's content) and two capacity changes by its supplier; the async daemon caught up (timeline
/// and Provenance chain). Built once for the fixture's tests.
/// </summary>
public abstract class HistoryOfTheHospital : SupplyingFixture
{
    public const string Rejection = "nom non conforme";

    protected override bool ResetBetweenTests => false;

    protected HttpClient Editor { get; private set; } = null!;
    protected HttpClient Validator { get; private set; } = null!;
    protected string CardioUO { get; private set; } = "";
    protected string SensitiveUO { get; private set; } = "";
    protected string LieuLocation { get; private set; } = "";
    protected string AcceptedDossier { get; private set; } = "";
    protected string RejectedDossier { get; private set; } = "";

    [OneTimeSetUp]
    public async Task GivenTheHistory()
    {
        Editor = App.ClientFor(TestClients.Editor);
        Validator = App.ClientFor(TestClients.ValidatorAra);
        Assert.That((await Client.Import(FinessImportCalls.Sample()))["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
        await Client.Register(Requests.Registration()).EnsureOk();

        var psy = UO("Psychiatrie - soins intensifs");
        psy["uo"]!["content"]!["sensitiveUnit"] = true;
        AcceptedDossier = await Editor.SubmitDossier([.. HospitalFiches, ("uo-psy", psy)]);
        await Validator.Accept(AcceptedDossier).EnsureOk();

        RejectedDossier = await Editor.SubmitDossier(("uo-cardio-hc", UO("Cardiologie (refusé)")));
        await Validator.Reject(RejectedDossier, Rejection).EnsureOk();

        await Editor.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();
        await Editor.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" }).EnsureOk();
        var sensitiveContent = Content(12);
        sensitiveContent["sensitiveUnit"] = true;
        await Editor.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-psy/content", sensitiveContent).EnsureOk();

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(5, At(20))))).EnsureOk();

        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await ProvenanceChain.WaitUntilChained(ConnectionString);
        CardioUO = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        SensitiveUO = await Client.FhirIdOfUnit("HealthcareService", "010000024-uo-psy");
        LieuLocation = (await Zone(LieuUnit)).LocationId;
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        Editor.Dispose();
        Validator.Dispose();
    }

    protected static async Task<JsonObject> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
