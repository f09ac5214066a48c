using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using static CapacityIngest.ApiCalls;

namespace CapacityIngest;

/// <summary>
/// Creates what the suppliers write to, through the real write paths, as the loader client:
/// each EG registered by hand (POST /api/establishments: admin), then its lieux, each with an
/// idExterneSynchro, and one UO using them, published by a dossier (open, draft, finalize,
/// submit, accept). Running it again changes nothing (the same EGs, the same fiches).
/// </summary>
public static class Setup
{
    public static async Task<IReadOnlyList<string>> EstablishAsync(HttpClient http, Options options, int supplier)
    {
        var zones = new List<string>();
        for (var e = 1; e <= options.EstablishmentsPerSupplier; e++)
        {
            var finess = Options.Finess(supplier, e);
            await Call(http, HttpMethod.Post, "/api/establishments", Registration(finess, supplier, e));
            var dossier = (await Call(http, HttpMethod.Post, $"/api/establishments/eg-{finess}/dossiers", null))!["dossierId"]!.GetValue<string>();
            var lieuIds = new List<string>();
            for (var l = 1; l <= options.LieuxPerEstablishment; l++)
            {
                var lieu = $"lieu-{l:D3}";
                await Draft(http, finess, dossier, lieu, new JsonObject
                {
                    ["type"] = "Lieu",
                    ["name"] = $"Réanimation, secteur {l}",
                    ["lieu"] = new JsonObject
                    {
                        ["function"] = "001",
                        ["idExterneSynchro"] = $"REA-{l:D3}",
                        ["address"] = Address(),
                    },
                });
                lieuIds.Add(lieu);
                zones.Add($"1{finess}/REA-{l:D3}");
            }
            await Draft(http, finess, dossier, "uo-reanimation", new JsonObject
            {
                ["type"] = "UO",
                ["name"] = "Réanimation polyvalente",
                ["uo"] = new JsonObject
                {
                    ["champActivite"] = "01",
                    ["activitesOperationnelles"] = new JsonArray("127"),
                    ["modePriseEnCharge"] = "28",
                    ["categorieOrganisation"] = "121",
                    ["lieuIds"] = new JsonArray(lieuIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
                    ["content"] = new JsonObject { ["ageRange"] = new JsonObject { ["low"] = 15, ["high"] = 120 } },
                },
            });
            await Call(http, HttpMethod.Post, $"/api/establishments/eg-{finess}/dossiers/{dossier}/submit", null);
            await Call(http, HttpMethod.Post, $"/api/establishments/eg-{finess}/dossiers/{dossier}/accept", null);
        }
        return zones;
    }

    /// <summary>The zones a run before this one set up (--reuse: the same options on the same database), without asking the host.</summary>
    public static IReadOnlyList<string> ZonesOf(Options options, int supplier) =>
        [.. from e in Enumerable.Range(1, options.EstablishmentsPerSupplier)
            from l in Enumerable.Range(1, options.LieuxPerEstablishment)
            select $"1{Options.Finess(supplier, e)}/REA-{l:D3}"];

    private static async Task Draft(HttpClient http, string finess, string dossier, string fiche, JsonObject body)
    {
        await Call(http, HttpMethod.Put, $"/api/establishments/eg-{finess}/dossiers/{dossier}/fiches/{fiche}", body);
        await Call(http, HttpMethod.Post, $"/api/establishments/eg-{finess}/dossiers/{dossier}/fiches/{fiche}/finalize", null);
    }

    private static JsonObject Registration(string finess, int supplier, int establishment) => new()
    {
        ["ej"] = new JsonObject { ["finess"] = $"698{supplier:D2}{establishment:D4}", ["legalName"] = $"CENTRE HOSPITALIER DE BENCHMARK {supplier}-{establishment}" },
        ["eg"] = new JsonObject
        {
            ["finess"] = finess,
            ["ejFiness"] = $"698{supplier:D2}{establishment:D4}",
            ["name"] = $"CH DE BENCHMARK {supplier}-{establishment}",
            ["address"] = Address(),
        },
    };

    private static JsonObject Address() => new()
    {
        ["houseNumber"] = "5", ["streetType"] = "PL", ["streetName"] = "D ARSONVAL",
        ["postalCode"] = "69003", ["city"] = "LYON", ["communeCog"] = "69383",
    };

}
