using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Capacity.Publishing;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.History;

/// <summary>
/// The sample hospital through a series of changes: published through an accepted dossier, its
/// cardiology UO edited directly, its lieu's capacity changed, a dossier rejected (nothing
/// published), the UO edited again. A version's lastUpdated is the time its events were
/// stored, so the scenario notes an instant after each step (<see cref="Marks"/>).
/// </summary>
public sealed class HospitalChanges(ApiFixtureAccess fixture)
{
    public string UO { get; private set; } = "";
    public string Lieu { get; private set; } = "";

    /// <summary>Instants: before anything, then after each step (published, edited, capacity, rejected, edited again).</summary>
    public DateTimeOffset BeforeAll, Published, FirstEdit, CapacityChanged, DossierRejected, SecondEdit;

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
        await client.PublishHospital();
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
    }

    public Task EditUO(int lowAge) =>
        fixture.Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(lowAge)).EnsureOk();
}

/// <summary>What a scenario needs of its fixture.</summary>
public sealed record ApiFixtureAccess(HttpClient Client, Marten.IDocumentStore Store);
