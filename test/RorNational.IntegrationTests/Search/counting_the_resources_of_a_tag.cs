using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Indexing.KeptCounts;
using RorNational.Fhir.Search.Indexing.Tags;
using RorNational.Fhir.Search.Querying;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Searching.ServiceCapacityTable;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;
using T = RorNational.Fhir.Ror.RorCanonical.Terminologies;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// The exact total of a search of one tag, its system given (a région's lieux, the guide's
/// capacity consultation by région), is read from the counts the index keeps (TagCounts): for
/// every profile and resource type it is the number of resources the profile finds, as resources
/// are published, republished and removed, after a fold, and on a database that had no counts yet.
/// </summary>
public sealed class counting_the_resources_of_a_tag : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Folded by the tests when they mean it.
        ["Search:CountFoldInterval"] = "01:00:00",
    };

    private static readonly string[] Profiles = ["public", "professional", "crisis"];
    private static readonly string[] Types = ["Organization", "HealthcareService", "Location"];

    [Test]
    public async Task each_profile_counts_what_it_may_find_as_resources_are_published_and_removed()
    {
        await HospitalWithTwoMoreOffers();
        var region = await RegionOfTheHospital();
        var published = await TotalsByProfile(region);
        foreach (var profile in Profiles)
            Assert.That(published[$"{profile} HealthcareService"], Is.EqualTo(3), "the UO of the hospital and the two more: a tag is of no class a profile hides alone");
        Assert.That(published["crisis Location"], Is.EqualTo(1));
        Assert.That(published["crisis Organization"], Is.EqualTo(4), "the EG, its pôle, service and UF");
        await AssertKeptCountsOfTheRows();

        await Client.RemoveThroughDossier(MedicoSocialUO);

        var removed = await TotalsByProfile(region);
        foreach (var profile in Profiles)
            Assert.That(removed[$"{profile} HealthcareService"], Is.EqualTo(published[$"{profile} HealthcareService"] - 1), profile);
        await AssertKeptCountsOfTheRows();

        var profileOf = App.Services.GetRequiredService<AccessProfiles>().Of("professional");
        var (count, _) = await App.Services.GetRequiredService<SearchEngine>().ExplainAsync(
            SearchRequests.Parse(App.Services, "Location", TagParameter(region)), profileOf, analyze: false, CancellationToken.None);
        Assert.That(count, Does.Contain(TagCounts.Table).And.Not.Contain("fhir_search_token"), count);
    }

    /// <summary>
    /// No profile of the configuration hides a tag (its rows are of the settings classes only), but
    /// a profile may hide a setting alone: the kept total then keeps the signatures it may see, as
    /// the lookup keeps the rows.
    /// </summary>
    [TestCase(DataClass.OutsideMedicoSocial, 1, TestName = "a profile of the medico-social field only")]
    [TestCase(DataClass.OutsideVille, 0, TestName = "a profile of the ville field only")]
    [TestCase(DataClass.OutsideMedicoSocial | DataClass.OutsideVille, 1, TestName = "a profile hiding what is outside both fields")]
    public async Task a_profile_hiding_a_setting_counts_the_resources_it_may_find(DataClass hidden, int offers)
    {
        await HospitalWithTwoMoreOffers();
        var region = await RegionOfTheHospital();
        var profile = new AccessProfile("test-setting", "T", "hides a setting", [hidden]);
        var engine = App.Services.GetRequiredService<SearchEngine>();
        async Task<SearchResult> Search(string parameters) => await engine.SearchAsync(
            SearchRequests.Parse(App.Services, "HealthcareService", TagParameter(region) + parameters), profile, CancellationToken.None);

        var matches = (await Search("&_count=100")).Matches.Count;
        Assert.That(matches, Is.EqualTo(offers));
        Assert.That((await Search("&_summary=count")).Total, Is.EqualTo(matches), "counted alone");
        if (matches > 1) Assert.That((await Search("&_count=1")).Total, Is.EqualTo(matches), "counted for a first page with a next");
    }

    [Test]
    public async Task a_resource_republished_with_the_same_tags_writes_no_count()
    {
        await HospitalWithTwoMoreOffers();
        var before = await TagCountTable.RowsAndKeys(ConnectionString, Schema);

        var renamed = MedicoSocialOffer();
        renamed["name"] = "Suivi médical des résidents, renommé";
        await Client.Accept(await Client.SubmitDossier((MedicoSocialUO, renamed))).EnsureOk();

        Assert.That(await Sql.Scalar<string>(ConnectionString, $"select data ->> 'Json' from {Schema}.mt_doc_healthcareservicedocument where data ->> 'Json' like '%renommé%'"),
            Is.Not.Null, "the UO was republished");
        Assert.That(await TagCountTable.RowsAndKeys(ConnectionString, Schema), Is.EqualTo(before), "its -1 and +1 net out in the statement");
        await AssertKeptCountsOfTheRows();
    }

    [Test]
    public async Task a_fold_keeps_the_sums_in_one_row_each()
    {
        await HospitalWithTwoMoreOffers();
        var region = await RegionOfTheHospital();
        var totals = await TotalsByProfile(region);
        var before = await TagCountTable.Counts(ConnectionString, Schema);
        var (rows, keys) = await TagCountTable.RowsAndKeys(ConnectionString, Schema);
        Assert.That(rows, Is.GreaterThan(keys), "the UO of two publications, a change each");

        var written = (await App.Services.GetServices<IHostedService>().OfType<KeptCountFolding>().Single().FoldAsync(CancellationToken.None))[TagCounts.Table];

        Assert.That(written, Is.EqualTo(keys));
        Assert.That(await TagCountTable.RowsAndKeys(ConnectionString, Schema), Is.EqualTo((keys, keys)), "one row per key");
        Assert.That(await TagCountTable.Counts(ConnectionString, Schema), Is.EqualTo(before));
        await AssertKeptCountsOfTheRows();
        Assert.That(await TotalsByProfile(region), Is.EqualTo(totals));
    }

    [Test]
    public async Task a_database_that_had_no_tag_counts_gets_them_when_they_are_created()
    {
        await HospitalWithTwoMoreOffers();
        await Sql.Execute(ConnectionString, $"drop table {Schema}.{TagCounts.Table}");

        await App.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var (kept, ofRows) = await TagCountTable.Counts(ConnectionString, Schema);
        Assert.That(kept, Is.EqualTo(ofRows).And.Not.Empty);
        Assert.That(await Total(Tagged("HealthcareService", await RegionOfTheHospital())), Is.EqualTo(3));
    }

    [TestCase("{0}?_tag={2}", TestName = "a code without its system")]
    [TestCase("{0}?_tag={1}|{2},{1}|00", TestName = "two tags")]
    [TestCase("{0}?_tag:missing=false", TestName = "a modifier")]
    [TestCase("{0}?_tag={1}|{2}&name=cardio,suivi", TestName = "a tag and another criterion")]
    public async Task any_other_search_of_tags_is_counted_on_the_index(string form)
    {
        await HospitalWithTwoMoreOffers();
        var region = await RegionOfTheHospital();
        var search = string.Format(form, "HealthcareService", T.Region, region);
        var profile = App.Services.GetRequiredService<AccessProfiles>().Of("crisis");
        var (count, _) = await App.Services.GetRequiredService<SearchEngine>().ExplainAsync(
            SearchRequests.Parse(App.Services, "HealthcareService", search["HealthcareService?".Length..]), profile, analyze: false, CancellationToken.None);
        Assert.That(count, Does.Not.Contain(TagCounts.Table), count);
        using var crisis = App.ClientFor("test-consumer-crisis");
        var sent = search.Replace(T.Region, Uri.EscapeDataString(T.Region));
        var all = JsonNode.Parse(await crisis.GetStringAsync($"/fhir/{sent}&_count=100"))!;
        var matches = all["entry"]?.AsArray().Count ?? 0;
        Assert.That(matches, Is.GreaterThan(1), "the test needs a search of more than one match");
        Assert.That(await Total(sent + "&_count=1", crisis), Is.EqualTo(matches));
    }

    private string Schema => App.Store.Options.DatabaseSchemaName;

    private static string Tagged(string type, string region) => $"{type}?_tag={Uri.EscapeDataString(T.Region + "|" + region)}";

    /// <summary>The tag's parameter as a search request holds it, decoded.</summary>
    private static string TagParameter(string region) => $"_tag={T.Region}|{region}";

    private const string MedicoSocialUO = "uo-medico-social";

    /// <summary>The hospital (EG, pôle, service, UF, lieu, UO), then two more UO in its lieu: a sensitive one, and one of the medico-social field.</summary>
    private async Task HospitalWithTwoMoreOffers()
    {
        await Client.PublishHospital();
        await Client.Accept(await Client.SubmitDossier(
            ("uo-sensitive", OfferIn("lieu-batiment-a", sensitive: true)),
            (MedicoSocialUO, MedicoSocialOffer()))).EnsureOk();
    }

    /// <summary>A UO of the medico-social field (champ d'activité 04): its elements are outside the ville field only.</summary>
    private static JsonObject MedicoSocialOffer()
    {
        var uo = UO("Suivi médical des résidents");
        uo["uo"]!["champActivite"] = "04";
        uo["uo"]!["activitesOperationnelles"] = new JsonArray("439");
        uo["uo"]!["modePriseEnCharge"] = "46";
        return uo;
    }

    private async Task<string> RegionOfTheHospital() => await Sql.Scalar<string>(ConnectionString,
        $"select code from {Schema}.fhir_search_token where resource_type = 'Location' and param = '_tag' and system = $1 limit 1", T.Region);

    /// <summary>
    /// Each profile's total for each type, read three ways that must agree: counted alone
    /// (_summary=count), counted for a first page that has a next (_count=1), and the matches of one page.
    /// </summary>
    private async Task<Dictionary<string, int>> TotalsByProfile(string region)
    {
        var totals = new Dictionary<string, int>();
        foreach (var profile in Profiles)
        {
            using var client = App.ClientFor("test-consumer-" + profile);
            foreach (var type in Types)
            {
                var search = Tagged(type, region);
                var counted = await Total(search + "&_summary=count", client);
                var page = JsonNode.Parse(await client.GetStringAsync("/fhir/" + search))!;
                var matches = (page["entry"] as JsonArray ?? []).Count;
                Assert.That(counted, Is.EqualTo(matches), $"{profile} {type}");
                if (matches > 1) Assert.That(await Total(search + "&_count=1", client), Is.EqualTo(matches), $"{profile} {type}, a first page with a next");
                totals[$"{profile} {type}"] = counted;
            }
        }
        return totals;
    }

    private async Task AssertKeptCountsOfTheRows()
    {
        var (kept, ofRows) = await TagCountTable.Counts(ConnectionString, Schema);
        Assert.That(kept, Is.EqualTo(ofRows).And.Not.Empty, "the kept counts are those of the token rows");
    }

    private async Task<int> Total(string query, HttpClient? client = null) =>
        JsonNode.Parse(await (client ?? Client).GetStringAsync("/fhir/" + query))!["total"]!.GetValue<int>();
}
