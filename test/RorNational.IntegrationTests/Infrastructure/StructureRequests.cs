using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// A hospital's structure as an editor would send it, fiche by fiche: pôle > service > UF >
/// UO, and the lieu where the UO's beds are. Registered under EG eg-010000024.
/// </summary>
public static class StructureRequests
{
    public const string EG = "eg-010000024";

    public static readonly (string Id, JsonObject Body)[] HospitalFiches =
    [
        ("pole-medecine", new JsonObject { ["type"] = "Pole", ["name"] = "Pôle médecine" }),
        ("cardiologie", new JsonObject { ["type"] = "Service", ["name"] = "Service de cardiologie", ["parentId"] = "pole-medecine" }),
        ("uf-cardio-hc", new JsonObject { ["type"] = "UF", ["name"] = "UF cardiologie HC", ["parentId"] = "cardiologie" }),
        ("lieu-batiment-a", Lieu()),
        ("uo-cardio-hc", UO()),
    ];

    public static JsonObject Lieu() => new()
    {
        ["type"] = "Lieu",
        ["name"] = "Bâtiment A, 3e étage",
        ["lieu"] = new JsonObject
        {
            ["function"] = "001",
            ["idExterneSynchro"] = "CARDIO-HC",
            ["address"] = new JsonObject
            {
                ["houseNumber"] = "900", ["streetType"] = "RTE", ["streetName"] = "DE PARIS",
                ["postalCode"] = "01012", ["city"] = "BOURG EN BRESSE", ["communeCog"] = "01053",
            },
            ["position"] = new JsonObject { ["latitude"] = 46.2135, ["longitude"] = 5.2418 },
        },
    };

    public static JsonObject UO(string name = "Cardiologie - hospitalisation complète") => new()
    {
        ["type"] = "UO",
        ["name"] = name,
        ["parentId"] = "uf-cardio-hc",
        ["uo"] = new JsonObject
        {
            ["champActivite"] = "01",
            ["activitesOperationnelles"] = new JsonArray("013"),
            ["modePriseEnCharge"] = "28",
            ["categorieOrganisation"] = "157",
            ["lieuIds"] = new JsonArray("lieu-batiment-a"),
            ["content"] = Content(18),
        },
    };

    public static JsonObject Content(int lowAge) => new()
    {
        ["publicPrisEnCharge"] = new JsonArray("01"),
        ["ageRange"] = new JsonObject { ["low"] = lowAge, ["high"] = 120 },
        ["openingHours"] = new JsonArray(new JsonObject { ["day"] = 1, ["type"] = "01", ["opens"] = "08:00:00", ["closes"] = "18:30:00" }),
        ["contacts"] = new JsonArray(new JsonObject
        {
            ["name"] = "Secrétariat de cardiologie",
            ["purpose"] = "06",
            ["confidentiality"] = 1,
            ["telecoms"] = new JsonArray(
                new JsonObject { ["channel"] = "2", ["value"] = "0474454647", ["confidentiality"] = 1 },
                new JsonObject { ["channel"] = "2", ["value"] = "0474450000", ["confidentiality"] = 3 }),
        }),
    };

    public static async Task<string> OpenDossier(this HttpClient client, string eg = EG)
    {
        var response = await client.PostAsync($"/api/establishments/{eg}/dossiers", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.ReadJson())["dossierId"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> DraftFiche(this HttpClient client, string dossier, string ficheId, JsonObject body) =>
        client.PutAsJsonAsync($"/api/establishments/{EG}/dossiers/{dossier}/fiches/{ficheId}", body);

    public static Task<HttpResponseMessage> Finalize(this HttpClient client, string dossier, string ficheId) =>
        client.PostAsync($"/api/establishments/{EG}/dossiers/{dossier}/fiches/{ficheId}/finalize", null);

    public static Task<HttpResponseMessage> Submit(this HttpClient client, string dossier) =>
        client.PostAsync($"/api/establishments/{EG}/dossiers/{dossier}/submit", null);

    public static Task<HttpResponseMessage> Accept(this HttpClient client, string dossier) =>
        client.PostAsJsonAsync($"/api/establishments/{EG}/dossiers/{dossier}/accept", new { reason = "conforme" });

    public static Task<HttpResponseMessage> Reject(this HttpClient client, string dossier, string reason) =>
        client.PostAsJsonAsync($"/api/establishments/{EG}/dossiers/{dossier}/reject", new { reason });

    /// <summary>Drafts and finalizes the given fiches in a new dossier and submits it; returns the dossier id.</summary>
    public static async Task<string> SubmitDossier(this HttpClient client, params (string Id, JsonObject Body)[] fiches)
    {
        var dossier = await client.OpenDossier();
        foreach (var (id, body) in fiches)
        {
            await client.DraftFiche(dossier, id, body).EnsureOk();
            await client.Finalize(dossier, id).EnsureOk();
        }
        await client.Submit(dossier).EnsureOk();
        return dossier;
    }

    /// <summary>Registers the EG and publishes the whole hospital structure through an accepted dossier.</summary>
    public static async Task PublishHospital(this HttpClient client)
    {
        await client.Register(Requests.Registration()).EnsureOk();
        await client.Accept(await client.SubmitDossier(HospitalFiches)).EnsureOk();
    }

    /// <summary>Removes a published fiche through an accepted dossier.</summary>
    public static async Task RemoveThroughDossier(this HttpClient client, string ficheId)
    {
        var dossier = await client.OpenDossier();
        await client.DeleteAsync($"/api/establishments/{EG}/dossiers/{dossier}/fiches/{ficheId}").EnsureOk();
        await client.Submit(dossier).EnsureOk();
        await client.Accept(dossier).EnsureOk();
    }

    public static async Task<HttpResponseMessage> EnsureOk(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), await response.Content.ReadAsStringAsync());
        return response;
    }
}
