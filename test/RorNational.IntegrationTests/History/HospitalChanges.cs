using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Capacity.Publishing;
using RorNational.IntegrationTests.Finess;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.History;

/// <summary>
/// The sample hospital through a series of changes: created by a FINESS import, its structure
/// published through an accepted dossier, its cardiology UO edited directly, its lieu's
/// capacity changed, a dossier rejected (nothing published), the UO edited again, and a new
/// FINESS extract renaming the EG. A version's lastUpdated is the time its events were
/// stored, so the scenario notes an instant after each step (<see cref="Marks"/>).
/// </summary>
public sealed class HospitalChanges(ApiFixtureAccess fixture)
{
    public string UO { get; private set; } = "";
    public string Lieu { get; private set; } = "";

    /// <summary>Instants: before anything, then after each step (imported, published, edited, capacity, rejected, edited again, imported again).</summary>
    public DateTimeOffset BeforeAll, Imported, Published, FirstEdit, CapacityChanged, DossierRejected, SecondEdit, Reimported;

    /// <summary>The EG's names in the sample FINESS extract (short and long), renamed by the second import.</summary>
    private const string ImportedNames = ";CH DE BOURG-EN-BRESSE FLEYRIAT;CENTRE HOSPITALIER DE BOURG-EN-BRESSE - HOPITAL FLEYRIAT;";
    private const string RenamedNames = ";CH FLEYRIAT;CENTRE HOSPITALIER FLEYRIAT;";

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    /// <summary>An instant between two steps: the versions of a step are all stored before it, those of the next after it.</summary>
    public static async Task<DateTimeOffset> Mark()
    {
        await Task.Delay(30);
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(30);
        return now;
    }

    public async Task Run()
    {
        var client = fixture.Client;
        BeforeAll = await Mark();
        await client.Import(FinessImportCalls.Sample());
        Imported = await Mark();

        await client.Accept(await client.SubmitDossier(HospitalFiches)).EnsureOk();
        UO = await client.FhirIdOfUnit("HealthcareService", "010000024-uo-cardio-hc");
        Lieu = await client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a");
        Published = await Mark();

        await EditUO(16);
        FirstEdit = await Mark();

        await fixture.Store.AppendCapacity(CapacityAppends.Added(CapacityAppends.Indicator("02", 3)));
        CapacityChanged = await Mark();

        var rejected = await client.SubmitDossier(("uo-cardio-hc", UO("Cardiologie renommée")));
        await client.Reject(rejected, "nom non conforme").EnsureOk();
        DossierRejected = await Mark();

        await EditUO(20);
        SecondEdit = await Mark();

        var renamed = FinessImportCalls.Sample().Replace(ImportedNames, RenamedNames);
        Assert.That(renamed, Is.Not.EqualTo(FinessImportCalls.Sample()));
        await client.Import(renamed);
        Reimported = await Mark();
    }

    public Task EditUO(int lowAge) =>
        fixture.Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(lowAge)).EnsureOk();
}

/// <summary>What a scenario needs of its fixture.</summary>
public sealed record ApiFixtureAccess(HttpClient Client, Marten.IDocumentStore Store);
