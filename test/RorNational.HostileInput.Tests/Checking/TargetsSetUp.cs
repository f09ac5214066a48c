using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using RorNational.HostileInput.Tests.Requests;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.FinessImports;

namespace RorNational.HostileInput.Tests.Checking;

/// <summary>
/// Finds, in the loaded samples, what the generators aim at (resource ids by search, fiche ids
/// from the editors' view) and prepares the dossiers the commands name: an open one with an
/// unfinished draft, and a submitted one waiting for a validator; and the lieu whose capacity the supply routes address.
/// </summary>
public static class TargetsSetUp
{
    public const string Eg = "eg-010000024";
    public const string OtherEg = "eg-350002812";

    public static async Task<Targets> PrepareAsync(RorNationalApp app, HttpClient client)
    {
        var ids = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var type in Targets.FhirTypes.Concat(Targets.ProfessionalTypes))
        {
            var bundle = JsonNode.Parse(await client.GetStringAsync($"/fhir/{type}?_count=5"))!;
            ids[type] = [.. bundle["entry"]!.AsArray().Select(e => e!["resource"]!["id"]!.GetValue<string>())];
            Assert.That(ids[type], Is.Not.Empty, $"no {type} in the samples");
        }
        var view = JsonNode.Parse(await client.GetStringAsync($"/api/establishments/{Eg}"))!;
        var uo = FicheIds(view, "UO").First();
        var uf = FicheIds(view, "UF").First();
        var lieu = FicheIds(view, "Lieu").First();

        var openDossier = await OpenDossier(client, Eg);
        await client.PutAsJsonAsync($"/api/establishments/{Eg}/dossiers/{openDossier}/fiches/hostile-draft",
            new JsonObject
            {
                ["type"] = "UO", ["name"] = "Brouillon inachevé", ["parentId"] = uf,
                ["uo"] = new JsonObject { ["champActivite"] = "01" },
            }).EnsureOk();

        var submitted = await OpenDossier(client, OtherEg);
        await client.PutAsJsonAsync($"/api/establishments/{OtherEg}/dossiers/{submitted}/fiches/pole-hostile",
            new JsonObject { ["type"] = "Pole", ["name"] = "Pôle en attente" }).EnsureOk();
        await client.PostAsync($"/api/establishments/{OtherEg}/dossiers/{submitted}/fiches/pole-hostile/finalize", null).EnsureOk();
        await client.PostAsync($"/api/establishments/{OtherEg}/dossiers/{submitted}/submit", null).EnsureOk();

        await using var session = app.Store.QuerySession();
        var import = await session.Query<FinessImport>().Select(i => i.Id).FirstAsync();
        var finess = Eg["eg-".Length..];
        var zone = await session.Query<SupplyZone>()
            .Where(z => z.EGFiness == finess && !z.Retired && z.IdExterneSynchro != null).OrderBy(z => z.Id).FirstAsync();
        var sample = Directory.GetFiles(Path.Combine(TestPostgres.RepositoryRoot(), "samples", "finess"), "*.csv").Single();

        return new Targets
        {
            ResourceIds = ids,
            Eg = Eg,
            OpenDossier = openDossier,
            DraftFiche = "hostile-draft",
            PublishedUO = uo,
            PublishedUF = uf,
            PublishedLieu = lieu,
            OtherEg = OtherEg,
            SubmittedDossier = submitted,
            FinessImport = import,
            SupplyIdentifier = $"1{zone.EGFiness}/{zone.IdExterneSynchro}",
            SupplyLocation = zone.LocationId,
            BadAuthorizations = BadTokens.All(),
            FinessSample = await File.ReadAllBytesAsync(sample),
        };
    }

    private static async Task<string> OpenDossier(HttpClient client, string eg) =>
        (await (await client.PostAsync($"/api/establishments/{eg}/dossiers", null).EnsureOk()).ReadJson())["dossierId"]!.GetValue<string>();

    /// <summary>The ids of the fiches of a type in the editors' view, wherever it lists them (by key or by an id member).</summary>
    private static IEnumerable<string> FicheIds(JsonNode view, string type)
    {
        foreach (var (key, node) in Walk(view, null))
            if (node is JsonObject fiche && fiche["type"] is JsonValue value && value.ToString() == type)
                if ((fiche["id"] ?? fiche["ficheId"])?.GetValue<string>() is { } id) yield return id;
                else if (key is not null) yield return key;
    }

    private static IEnumerable<(string? Key, JsonNode Node)> Walk(JsonNode node, string? key)
    {
        yield return (key, node);
        var children = node switch
        {
            JsonObject o => o.Where(p => p.Value is not null).Select(p => ((string?)p.Key, p.Value!)),
            JsonArray a => a.Where(n => n is not null).Select(n => ((string?)null, n!)),
            _ => [],
        };
        foreach (var (k, child) in children)
            foreach (var found in Walk(child, k)) yield return found;
    }
}
