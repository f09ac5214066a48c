using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using RorNational.Fhir.Availability.Http;
using RorNational.Fhir.Availability.Synthesis;
using RorNational.IntegrationTests.Search;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;

namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>
/// The samples' critical-care units (Ain 01, Corse-du-Sud 2A, Haute-Corse 2B) with capacity
/// appended to their streams at known dates, and three more units at HOPITAL EDOUARD HERRIOT
/// (Lyon, 69): a sensitive intensive-care unit, a paediatric réanimation whose UO also matches
/// réanimation adulte, and a lieu served by a USINV and a USIC. The clock stands at
/// 2026-03-02 08:30 UTC; the stale limit is 24 h.
/// </summary>
public abstract class AvailabilityFixture : SearchFixture
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);

    /// <summary>The units: id "FINESS-lieu", regroupement, département.</summary>
    public const string ReaBourg = "010000024-lieu-reanimation", UsicBourg = "010000024-lieu-usic",
        UsinvBourg = "010000024-lieu-usinv", NeonatBourg = "010000024-lieu-reanimation-neonatale",
        ReaAjaccio = "2A0000089-lieu-reanimation", UsicAjaccio = "2A0000089-lieu-usic",
        ReaBastia = "2B0000384-lieu-reanimation", UsinvBastia = "2B0000384-lieu-usinv",
        SensitiveLyon = "690000013-lieu-usi-psy", PediatricLyon = "690000013-lieu-rea-ped", CardioNeuroLyon = "690000013-lieu-cardio-neuro";

    protected override async Task LoadMoreData()
    {
        await PublishStructure(Client, Lyon,
            Lieu("lieu-usi-psy", "Soins intensifs psychiatriques, pavillon K"),
            Uo("uo-usi-psy", "Soins intensifs psychiatriques", "lieu-usi-psy", ["351"], null, 18, 65, sensitive: true),
            Lieu("lieu-rea-ped", "Réanimation pédiatrique, HFME"),
            Uo("uo-rea-ped", "Réanimation pédiatrique polyvalente", "lieu-rea-ped", ["127"], "121", 0, 17),
            Lieu("lieu-cardio-neuro", "Soins intensifs cardio-neuro, pavillon B"),
            Uo("uo-usinv-b", "USINV", "lieu-cardio-neuro", ["356"], "263", 18, 120),
            Uo("uo-usic-b", "USIC", "lieu-cardio-neuro", ["354"], "262", 18, 120));

        await App.Store.AppendCapacity("010000024", "lieu-reanimation",
            Added(Indicator("01", 20, sourceDate: At(7, 0))), Added(Indicator("02", 1, gender: "01", sourceDate: At(7, 0))),
            Added(Indicator("02", 2, gender: "02", sourceDate: At(7, 0))), Added(Indicator("05", 2, closing: "01", sourceDate: At(7, 0))),
            Added(Indicator("06", 4, bed: "03", sourceDate: At(7, 0))), Added(Indicator("02", 4, temporality: "03", sourceDate: At(7, 0))));
        // 26 h 30 old: stale.
        await App.Store.AppendCapacity("010000024", "lieu-usic",
            Added(Indicator("01", 12, sourceDate: At(-18, 0))), Added(Indicator("02", 1, sourceDate: At(-18, 0))),
            Added(Indicator("05", 1, closing: "02", sourceDate: At(-18, 0))), Added(Indicator("06", 2, bed: "02", sourceDate: At(-18, 0))));
        // lieu-usinv never supplies.
        await App.Store.AppendCapacity("010000024", "lieu-reanimation-neonatale",
            Added(Indicator("01", 6, sourceDate: At(8, 0))), Added(Indicator("02", 2, sourceDate: At(8, 0))),
            Added(Indicator("02", 3, temporality: "03", type: "02", sourceDate: At(8, 0)))); // places: not beds, not counted
        await App.Store.AppendCapacity("2A0000089", "lieu-reanimation",
            Added(Indicator("01", 16, sourceDate: At(5, 30))), Added(Indicator("02", 1, sourceDate: At(5, 30))),
            Added(Indicator("02", 2, temporality: "03", sourceDate: At(5, 30))));
        await App.Store.AppendCapacity("2A0000089", "lieu-usic",
            Added(Indicator("01", 8, sourceDate: At(2, 30))), Added(Indicator("02", 2, sourceDate: At(2, 30))));
        await App.Store.AppendCapacity("2B0000384", "lieu-reanimation",
            Added(Indicator("01", 12, sourceDate: At(8, 0))), Added(Indicator("02", 1, sourceDate: At(8, 0))),
            Added(Indicator("05", 2, closing: "02", sourceDate: At(8, 0))), Added(Indicator("02", 1, temporality: "03", sourceDate: At(8, 0))));
        // Two days old: stale.
        await App.Store.AppendCapacity("2B0000384", "lieu-usinv",
            Added(Indicator("01", 6, sourceDate: At(-40, 0))), Added(Indicator("02", 1, sourceDate: At(-40, 0))));
        await App.Store.AppendCapacity("690000013", "lieu-usi-psy",
            Added(Indicator("01", 4, sourceDate: At(6, 0))), Added(Indicator("02", 1, sourceDate: At(6, 0))));
        await App.Store.AppendCapacity("690000013", "lieu-rea-ped",
            Added(Indicator("01", 10, sourceDate: At(6, 0))), Added(Indicator("02", 3, sourceDate: At(6, 0))));
        await App.Store.AppendCapacity("690000013", "lieu-cardio-neuro",
            Added(Indicator("01", 8, sourceDate: At(6, 0))), Added(Indicator("02", 0, sourceDate: At(6, 0))));
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A time of 2026-03-02 (hours may be negative: the day before).</summary>
    protected static DateTimeOffset At(int hour, int minute) => new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddHours(hour).AddMinutes(minute);

    protected async Task<AvailabilityGrid> Grid(string query = "", HttpClient? client = null) =>
        (await Get<AvailabilityGrid>("/api/availability" + query, client))!;

    protected async Task<AvailabilityUnits> Units(string query = "", HttpClient? client = null) =>
        (await Get<AvailabilityUnits>("/api/availability/units" + query, client))!;

    protected async Task<AvailabilityUnit> UnitOf(string unitId, HttpClient? client = null) =>
        (await Units("", client)).Units.Single(u => u.UnitId == unitId);

    protected async Task<T?> Get<T>(string path, HttpClient? client)
    {
        var response = await (client ?? Client).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, AvailabilityJson.Options);
    }

    private static (string, JsonObject) Lieu(string id, string name) => (id, new JsonObject
    {
        ["type"] = "Lieu",
        ["name"] = name,
        ["lieu"] = new JsonObject
        {
            ["function"] = "001",
            ["idExterneSynchro"] = id.ToUpperInvariant(),
            ["address"] = new JsonObject
            {
                ["houseNumber"] = "5", ["streetType"] = "PL", ["streetName"] = "D ARSONVAL",
                ["postalCode"] = "69003", ["city"] = "LYON", ["communeCog"] = "69383",
            },
        },
    });

    private static (string, JsonObject) Uo(string id, string name, string lieu, string[] activities, string? category, int low, int high, bool sensitive = false)
    {
        var uo = new JsonObject
        {
            ["champActivite"] = "01",
            ["activitesOperationnelles"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
            ["modePriseEnCharge"] = "28",
            ["lieuIds"] = new JsonArray(lieu),
            ["content"] = new JsonObject
            {
                ["publicPrisEnCharge"] = new JsonArray("01"),
                ["ageRange"] = new JsonObject { ["low"] = low, ["high"] = high },
                ["sensitiveUnit"] = sensitive,
                ["contacts"] = new JsonArray(new JsonObject
                {
                    ["name"] = "Garde " + name, ["purpose"] = "06", ["confidentiality"] = 3,
                    ["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "0472110000", ["confidentiality"] = 3 }),
                }),
            },
        };
        if (category is not null) uo["categorieOrganisation"] = category;
        return (id, new JsonObject { ["type"] = "UO", ["name"] = name, ["uo"] = uo });
    }
}
