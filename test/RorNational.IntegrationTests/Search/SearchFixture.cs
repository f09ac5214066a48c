using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// Base of the search suites: the samples (samples/load, as build/run loads them) plus a
/// psychiatry department at HOPITAL EDOUARD HERRIOT (eg-690000013, Lyon) with what the
/// samples lack: a psychiatric sector, an intervention zone, a closing period, a sensitive
/// unit and a lieu without coordinates. Loaded once per fixture; the tests only read.
/// </summary>
public abstract class SearchFixture : ApiFixture
{
    public const string Lyon = "eg-690000013";

    // The units' FHIR ids are opaque: these are found by the id their editor gave them.
    protected string PsychiatryUO => Unit("690000013-uo-psy-adultes");
    protected string SensitiveUO => Unit("690000013-uo-soins-intensifs");
    protected string PavilionLieu => Unit("690000013-lieu-pavillon-n");
    protected string GynecologyUO => Unit("010000024-uo-chirurgie-gynecologique-hc");
    protected string ConsultationUO => Unit("010000024-uo-consultations-gynecologie");
    protected string EhpadUO => Unit("350002812-uo-hebergement-permanent");
    protected string DayCareUO => Unit("2A0000261-uo-accueil-de-jour");

    private IReadOnlyDictionary<string, string> _unitIds = new Dictionary<string, string>();

    /// <summary>The FHIR id of a unit of the loaded data, by its editor's id ("690000013-uf-psy").</summary>
    protected string Unit(string editorUnitId) => _unitIds.TryGetValue(editorUnitId, out var id)
        ? id
        : throw new AssertionException($"no unit {editorUnitId} in the loaded data");

    /// <summary>A text (a query, a list of ids) with each editor's unit id replaced by the unit's FHIR id.</summary>
    protected string WithUnitIds(string text) =>
        _unitIds.OrderByDescending(u => u.Key.Length).Aggregate(text, (replaced, unit) => replaced.Replace(unit.Key, unit.Value, StringComparison.Ordinal));

    protected override bool ServeOverLoopback => true;
    protected override bool ResetBetweenTests => false;

    [OneTimeSetUp]
    public async Task LoadData()
    {
        // The offer of the samples without their capacity: the capacity suites put their own on the samples' lieux.
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient), capacity: false);
        Assert.That(exitCode, Is.Zero, output);
        await PublishStructure(Client, Lyon,
            ("pole-psy", new JsonObject { ["type"] = "Pole", ["name"] = "Pôle de psychiatrie" }),
            ("service-psy", new JsonObject { ["type"] = "Service", ["name"] = "Service de psychiatrie adulte", ["parentId"] = "pole-psy" }),
            ("uf-psy", new JsonObject { ["type"] = "UF", ["name"] = "UF psychiatrie générale", ["parentId"] = "service-psy" }),
            ("lieu-pavillon-n", new JsonObject
            {
                ["type"] = "Lieu",
                ["name"] = "Pavillon N",
                ["lieu"] = new JsonObject
                {
                    ["function"] = "001",
                    ["idExterneSynchro"] = "PSY-N",
                    ["address"] = new JsonObject
                    {
                        ["houseNumber"] = "5", ["streetType"] = "PL", ["streetName"] = "D ARSONVAL",
                        ["postalCode"] = "69003", ["city"] = "LYON", ["communeCog"] = "69383",
                    },
                },
            }),
            ("uo-psy-adultes", Uo("Psychiatrie générale adulte - hospitalisation complète", "uf-psy", "270", sensitive: false)),
            ("uo-soins-intensifs", Uo("Unité de soins intensifs psychiatriques", "uf-psy", "271", sensitive: true)));
        await LoadMoreData();
        _unitIds = await Client.AllUnitIdsAsync();
    }

    /// <summary>What a suite adds to the shared data, before the units' ids are looked up.</summary>
    protected virtual Task LoadMoreData() => Task.CompletedTask;

    private static JsonObject Uo(string name, string parent, string activity, bool sensitive) => new()
    {
        ["type"] = "UO",
        ["name"] = name,
        ["parentId"] = parent,
        ["uo"] = new JsonObject
        {
            ["champActivite"] = "01",
            ["activitesOperationnelles"] = new JsonArray(activity),
            ["modePriseEnCharge"] = "28",
            ["lieuIds"] = new JsonArray("lieu-pavillon-n"),
            ["content"] = new JsonObject
            {
                ["publicPrisEnCharge"] = new JsonArray("01"),
                ["ageRange"] = new JsonObject { ["low"] = 18, ["high"] = 65 },
                ["sensitiveUnit"] = sensitive,
                ["psychiatricSectors"] = new JsonArray("69G01"),
                ["interventionZones"] = new JsonArray(new JsonObject { ["type"] = "3", ["code"] = "69" }),
                ["closing"] = new JsonObject { ["closedFrom"] = "2026-07-01", ["reopeningOn"] = "2026-09-01" },
            },
        },
    };

    /// <summary>Publishes fiches on an EG through an accepted dossier, as an editor and a validator would.</summary>
    protected static async Task PublishStructure(HttpClient client, string eg, params (string Id, JsonObject Body)[] fiches)
    {
        var dossier = (await (await client.PostAsync($"/api/establishments/{eg}/dossiers", null).EnsureOk()).ReadJson())["dossierId"]!.GetValue<string>();
        foreach (var (id, body) in fiches)
        {
            await client.PutAsJsonAsync($"/api/establishments/{eg}/dossiers/{dossier}/fiches/{id}", body).EnsureOk();
            await client.PostAsync($"/api/establishments/{eg}/dossiers/{dossier}/fiches/{id}/finalize", null).EnsureOk();
        }
        await client.PostAsync($"/api/establishments/{eg}/dossiers/{dossier}/submit", null).EnsureOk();
        await client.PostAsJsonAsync($"/api/establishments/{eg}/dossiers/{dossier}/accept", new { reason = "conforme" }).EnsureOk();
    }

    /// <summary>GET a search; asserts 200 and parses the Bundle with Hl7.Fhir.</summary>
    protected async Task<Bundle> Search(string query)
    {
        var response = await Client.GetAsync("/fhir/" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{query}: {body}");
        return FhirJson.Parse<Bundle>(body);
    }

    /// <summary>GET a link of a search Bundle (next, previous...).</summary>
    protected async Task<Bundle> Follow(string url) => await Search(url[(url.IndexOf("/fhir/", StringComparison.Ordinal) + "/fhir/".Length)..]);

    /// <summary>The ids of the matches of a search, in the order returned.</summary>
    protected async Task<List<string>> Matches(string query) =>
        (await Search(query)).Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!.Id!).ToList();

    /// <summary>GET a search that must fail; returns status and OperationOutcome.</summary>
    protected async Task<(int Status, OperationOutcome Outcome)> Refused(string query, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/" + query);
        configure?.Invoke(request);
        var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.GreaterThanOrEqualTo(400), $"{query}: {body}");
        return ((int)response.StatusCode, FhirJson.Parse<OperationOutcome>(body));
    }
}
