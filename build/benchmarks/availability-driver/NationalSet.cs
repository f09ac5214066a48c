using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RorNational.ReferenceData;

using CapacityIngest;

using static CapacityIngest.ApiCalls;

namespace AvailabilityBenchmark;

/// <summary>
/// The national-scale set, through the real write paths as the loader client: in each
/// département of metropolitan France and the DROM (101), E establishments registered by hand
/// (POST /api/establishments) in the département's first commune, each with L lieux, each lieu
/// served by one UO of a critical-care kind (réanimation adulte, USIC, USINV...), published by
/// one dossier (open, draft, finalize, submit, accept); then the capacity of each EG's lieux in
/// one transaction Bundle (installed, available for women and men, closed, in 24 h). Running it
/// again on the same database changes the counts only.
/// </summary>
public sealed class NationalSet(Options options)
{
    /// <summary>Operational activities (TRE_R211) and unit categories (TRE_R244) of the UOs, one per critical-care regroupement.</summary>
    private static readonly (string Activity, string? Category, int AgeHigh)[] Kinds =
    [
        ("127", "121", 120), ("354", "262", 120), ("356", "263", 120), ("128", "287", 1), ("130", null, 17),
        ("121", "308", 120), ("373", "254", 120), ("351", null, 120), ("369", "286", 1), ("391", null, 17),
    ];

    public static IReadOnlyList<Departement> Departements { get; } =
        Territory.Default.Departements.Where(d => d.Zone != TerritoryZone.OverseasCollectivity).ToList();

    /// <summary>Every EG's FINESS and its lieux' zones ("1FINESS/REA-001"), by département.</summary>
    public IEnumerable<(string Departement, string Finess, IReadOnlyList<string> Zones)> Establishments() =>
        Departements.SelectMany((d, index) => Enumerable.Range(1, options.EstablishmentsPerDepartement).Select(e =>
        {
            var finess = Finess(d, index, e, "9");
            return (d.Code, finess, (IReadOnlyList<string>)Enumerable.Range(1, options.LieuxPerEstablishment).Select(l => $"1{finess}/REA-{l:D3}").ToList());
        }));

    public async Task SeedAsync(HttpClient http, Action<int> progress)
    {
        var all = Establishments().ToList();
        var done = 0;
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = options.SetupWorkers }, async (eg, cancellation) =>
        {
            var departement = Departements.First(d => d.Code == eg.Departement);
            await PublishAsync(http, departement, eg.Finess);
            var changes = eg.Zones.SelectMany(zone => Enumerable.Range(0, Indicators.PerLieu).Select(i => (zone, i, Random.Shared.Next(0, 20)))).ToList();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir")
            {
                Content = new StringContent(Indicators.Transaction(changes, add: false, DateTimeOffset.UtcNow), Encoding.UTF8, "application/fhir+json"),
            };
            using var replaced = await http.SendAsync(request, cancellation);
            if (replaced.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                using var add = new HttpRequestMessage(HttpMethod.Post, "/fhir")
                {
                    Content = new StringContent(Indicators.Transaction(changes, add: true, DateTimeOffset.UtcNow), Encoding.UTF8, "application/fhir+json"),
                };
                using var added = await http.SendAsync(add, cancellation);
                if (!added.IsSuccessStatusCode) throw new InvalidOperationException($"capacity of {eg.Finess}: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync(cancellation)}");
            }
            else if (!replaced.IsSuccessStatusCode) throw new InvalidOperationException($"capacity of {eg.Finess}: {(int)replaced.StatusCode} {await replaced.Content.ReadAsStringAsync(cancellation)}");
            progress(Interlocked.Increment(ref done));
        });
    }

    private async Task PublishAsync(HttpClient http, Departement departement, string finess)
    {
        var commune = Territory.Default.Communes.First(c => c.DepartementCode == departement.Code && c.PostalCodes.Count > 0);
        var address = new JsonObject
        {
            ["streetName"] = "DE L HOPITAL", ["postalCode"] = commune.PostalCodes[0],
            ["city"] = commune.Name.ToUpperInvariant(), ["communeCog"] = commune.Cog,
        };
        var ej = "" + finess[..2] + "8" + finess[3..];
        await Call(http, HttpMethod.Post, "/api/establishments", new JsonObject
        {
            ["ej"] = new JsonObject { ["finess"] = ej, ["legalName"] = $"CENTRE HOSPITALIER {finess}" },
            ["eg"] = new JsonObject { ["finess"] = finess, ["ejFiness"] = ej, ["name"] = $"CH {commune.Name.ToUpperInvariant()} {finess}", ["address"] = address.DeepClone(), ["phone"] = "0400000000" },
        });
        var eg = "eg-" + finess;
        var dossier = (await Call(http, HttpMethod.Post, $"/api/establishments/{eg}/dossiers", null))!["dossierId"]!.GetValue<string>();
        for (var l = 1; l <= options.LieuxPerEstablishment; l++)
            await Draft(http, eg, dossier, $"lieu-{l:D3}", new JsonObject
            {
                ["type"] = "Lieu",
                ["name"] = $"Lieu {l}",
                ["lieu"] = new JsonObject { ["function"] = "001", ["idExterneSynchro"] = $"REA-{l:D3}", ["address"] = address.DeepClone() },
            });
        for (var l = 1; l <= options.LieuxPerEstablishment; l++)
        {
            var (activity, category, ageHigh) = Kinds[(l - 1 + int.Parse(finess[^3..])) % Kinds.Length];
            var uo = new JsonObject
            {
                ["champActivite"] = "01",
                ["activitesOperationnelles"] = new JsonArray(activity),
                ["modePriseEnCharge"] = "28",
                ["lieuIds"] = new JsonArray($"lieu-{l:D3}"),
                ["content"] = new JsonObject
                {
                    ["ageRange"] = new JsonObject { ["low"] = 0, ["high"] = ageHigh },
                    ["contacts"] = new JsonArray(new JsonObject
                    {
                        ["purpose"] = "06", ["confidentiality"] = 2,
                        ["telecoms"] = new JsonArray(new JsonObject { ["channel"] = "2", ["value"] = "04000000" + $"{l:D2}", ["confidentiality"] = 2 }),
                    }),
                },
            };
            if (category is not null) uo["categorieOrganisation"] = category;
            await Draft(http, eg, dossier, $"uo-{l:D3}", new JsonObject { ["type"] = "UO", ["name"] = $"Unité {activity}", ["uo"] = uo });
        }
        await Call(http, HttpMethod.Post, $"/api/establishments/{eg}/dossiers/{dossier}/submit", null);
        await Call(http, HttpMethod.Post, $"/api/establishments/{eg}/dossiers/{dossier}/accept", new JsonObject { ["reason"] = "benchmark" });
    }

    /// <summary>The département's first two characters, then 7 digits: a kind digit, the département's index, the establishment.</summary>
    private static string Finess(Departement departement, int index, int establishment, string kind) =>
        $"{departement.Code[..2]}{kind}{index:D3}{establishment:D3}";

    private static async Task Draft(HttpClient http, string eg, string dossier, string fiche, JsonObject body)
    {
        await Call(http, HttpMethod.Put, $"/api/establishments/{eg}/dossiers/{dossier}/fiches/{fiche}", body);
        await Call(http, HttpMethod.Post, $"/api/establishments/{eg}/dossiers/{dossier}/fiches/{fiche}/finalize", null);
    }

}
