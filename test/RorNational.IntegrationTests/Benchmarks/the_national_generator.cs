using System.Globalization;
using System.Text.Json.Nodes;
using BenchGenerator;
using BenchGenerator.Planning;
using BenchGenerator.Stages;
using RorNational.IntegrationTests.Infrastructure;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.IntegrationTests.Benchmarks;

/// <summary>
/// build/bench's generator (build/benchmarks/bench-generator) at a tiny scale against the real
/// host, as build/bench runs it: the clients of build/benchmarks/bench-clients.json, the FINESS
/// import, the dossiers and the suppliers' Bundles. The same seed gives the same FINESS numbers
/// and the same resources; what it wrote is found by searches. Each run is bounded (a minute).
/// </summary>
public sealed class the_national_generator : ApiFixture
{
    private const double TinyScale = 0.0002; // 20 EG, about 60 UO and lieux
    private const string Loader = "bench-loader";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Access:ClientsFile"] = Path.Combine(TestPostgres.RepositoryRoot(), "build", "benchmarks", "bench-clients.json"),
    };

    protected override string DefaultClient => Loader;

    [Test]
    public void the_same_seed_and_scale_draw_the_same_plan_and_another_seed_another()
    {
        var plan = NationalPlan.Build(42, TinyScale);
        Assert.That(Fingerprint(NationalPlan.Build(42, TinyScale)), Is.EqualTo(Fingerprint(plan)));
        Assert.That(Fingerprint(NationalPlan.Build(43, TinyScale)), Is.Not.EqualTo(Fingerprint(plan)));
        Assert.That(plan.EGs, Has.Count.EqualTo(20));
        Assert.That(plan.EGs.Select(eg => eg.EJFiness).Distinct(), Is.SubsetOf(plan.EJs.Select(ej => ej.Finess)));
        Assert.That(plan.EGs.SelectMany(eg => eg.Lieux), Has.All.Matches<PlannedLieu>(l => l.Capacity.Count is >= 3 and <= 8));
        Assert.That(plan.EGs, Has.All.Matches<PlannedEG>(eg => eg.Lieux.All(l => l.Commune.DepartementCode == eg.Commune.DepartementCode)));
    }

    [Test, CancelAfter(60_000)]
    public async Task it_fills_the_repository_through_the_write_paths_and_the_same_seed_fills_it_again_the_same()
    {
        var plan = NationalPlan.Build(42, TinyScale);
        var results = await GenerateAsync(plan);
        Assert.That(results.Select(r => r.Count), Is.EqualTo(new long[] { plan.EGs.Count, plan.EGs.Count, plan.IndicatorCount }));

        Assert.That(await Total("Organization?_summary=count"), Is.EqualTo(plan.EGs.Count + plan.EJs.Count));
        Assert.That(await Total("HealthcareService?_summary=count"), Is.EqualTo(plan.UOCount));
        Assert.That(await Total("Location?_summary=count"), Is.EqualTo(plan.LieuCount));
        var region = plan.EGs[0].Commune.RegionCode;
        Assert.That(await Total($"Location?_tag={T.Region}|{region}&_summary=count"),
            Is.EqualTo(plan.EGs.Where(eg => eg.Commune.RegionCode == region).Sum(eg => eg.UOs.Count)), $"the lieux of région {region}");
        Assert.That(await Total($"HealthcareService?specialty={T.ActiviteOperationnelle}|439&_summary=count"),
            Is.EqualTo(plan.EGs.Sum(eg => eg.UOs.Count(uo => uo.Kind.Activity == "439"))), "the UOs of hébergement permanent");
        var first = await DescribeRepositoryAsync();
        Assert.That(first.Where(line => line.StartsWith("Organization eg-", StringComparison.Ordinal)),
            Is.EquivalentTo(plan.EGs.Select(eg => $"Organization eg-{eg.Finess} {eg.Name} partOf Organization/ej-{eg.EJFiness}")));

        await ResetData();
        await GenerateAsync(NationalPlan.Build(42, TinyScale));
        Assert.That(await DescribeRepositoryAsync(), Is.EqualTo(first), "the same seed and scale build the same resources");
    }

    [Test, CancelAfter(60_000)]
    public async Task a_run_interrupted_in_a_dossier_resumes_and_a_second_run_skips_what_is_there_and_replaces_the_capacity()
    {
        var plan = NationalPlan.Build(7, 0.0001);
        // An interrupted run: the extract imported, the first EG's dossier open with one draft.
        await FinessStage.RunAsync(Client, plan, log: null, TestContext.CurrentContext.CancellationToken);
        var eg = plan.EGs[0];
        var dossier = JsonNode.Parse(await (await Client.PostAsync($"/api/establishments/{eg.Id}/dossiers", null)).Content.ReadAsStringAsync())!["dossierId"]!.GetValue<string>();
        var lieu = eg.UOs[0].Lieu;
        using (var draft = await Client.PutAsync($"/api/establishments/{eg.Id}/dossiers/{dossier}/fiches/{lieu.FicheId}",
                   new StringContent(DossierBodies.Lieu(eg, lieu).ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
            Assert.That(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());

        var resumed = await GenerateAsync(plan);
        Assert.That(resumed[1].Count, Is.EqualTo(plan.EGs.Count), "every EG described, the interrupted dossier completed");
        Assert.That(await Total("HealthcareService?_summary=count"), Is.EqualTo(plan.UOCount));
        var again = await GenerateAsync(plan);
        Assert.That(again[1].Count, Is.Zero, "every EG is published already");
        Assert.That(again[2].Note, Does.Contain("replaced on a restart"));
        Assert.That(await Total("HealthcareService?_summary=count"), Is.EqualTo(plan.UOCount));
    }

    private async Task<IReadOnlyList<StageResult>> GenerateAsync(NationalPlan plan)
    {
        var suppliers = Enumerable.Range(1, 3).Select(s => App.ClientFor($"bench-supplier-{s:D2}")).ToList();
        var settings = new GeneratorSettings(Concurrency: 4, BundleSize: 40, CapacityDate: Clock.GetUtcNow().AddMinutes(-5));
        return await Generator.RunAsync(plan, new GeneratorClients(Client, suppliers), settings, log: null, TestContext.CurrentContext.CancellationToken);
    }

    private async Task<int> Total(string search)
    {
        var bundle = JsonNode.Parse(await Client.GetStringAsync("/fhir/" + search))!;
        return bundle["total"]!.GetValue<int>();
    }

    /// <summary>
    /// Every resource by what the generator decides (opaque unit ids differ from run to run):
    /// EJs and EGs by id, name and parent; UOs by identifier, name, activity and age range; lieux by
    /// identifiers, name, postal code and capacity (status and count of each indicator).
    /// </summary>
    private async Task<List<string>> DescribeRepositoryAsync()
    {
        var lines = new List<string>();
        foreach (var type in new[] { "Organization", "HealthcareService", "Location" })
        {
            var bundle = JsonNode.Parse(await Client.GetStringAsync($"/fhir/{type}?_count=1000"))!;
            var entries = bundle["entry"]!.AsArray();
            Assert.That(entries, Has.Count.EqualTo(bundle["total"]!.GetValue<int>()), $"one page of {type}");
            lines.AddRange(entries.Select(entry => Line(entry!["resource"]!)));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Line(JsonNode resource)
    {
        var type = resource["resourceType"]!.GetValue<string>();
        var name = resource["name"]?.GetValue<string>() ?? "";
        var identifiers = string.Join(",", resource["identifier"]?.AsArray().Select(i => i!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList() ?? []);
        return type switch
        {
            "Organization" => $"Organization {resource["id"]} {name}" + (resource["partOf"] is { } parent ? $" partOf {parent["reference"]}" : ""),
            "HealthcareService" => $"HealthcareService {identifiers} {name} {Codes(resource["specialty"])} {resource.ToJsonString().Contains("\"ageRange\"", StringComparison.Ordinal)}",
            _ => $"Location {identifiers} {name} {resource["address"]?["postalCode"]} {Capacity(resource)}",
        };
    }

    private static string Codes(JsonNode? concepts) =>
        string.Join(",", concepts?.AsArray().SelectMany(c => c!["coding"]!.AsArray().Select(code => code!["code"]!.GetValue<string>())) ?? []);

    /// <summary>Each capacity record's sub-extensions but its source date, in order.</summary>
    private static string Capacity(JsonNode location) => string.Join(";", location["extension"]?.AsArray()
        .Where(e => e!["url"]!.GetValue<string>().EndsWith("ror-location-supported-capacity", StringComparison.Ordinal))
        .Select(record => string.Join(",", record!["extension"]!.AsArray()
            .Where(sub => sub!["url"]!.GetValue<string>() != "capacityUpdateDate")
            .Select(sub => sub!["url"] + "=" + (sub["valueInteger"]?.ToJsonString() ?? Codes(new JsonArray(sub["valueCodeableConcept"]!.DeepClone()))))))
        .Order(StringComparer.Ordinal).ToList() ?? []);

    private static string Fingerprint(NationalPlan plan) => string.Join("\n",
        plan.EJs.Select(ej => ej.Finess).Concat(plan.EGs.Select(eg => string.Join("|", eg.Finess, eg.EJFiness, eg.Name, eg.Commune.Cog,
            string.Join(",", eg.UOs.Select(uo => $"{uo.FicheId}:{uo.Lieu.Commune.Cog}:{uo.Lieu.Position}:{string.Join("/", uo.Lieu.Capacity.Select(c => c.ToString(CultureInfo.InvariantCulture)))}"))))));
}
