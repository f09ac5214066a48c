using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Indexing;
using RorNational.Fhir.Search.Querying;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// The Firely FhirClient as a consumer editor would use it, the SearchParameter resources
/// behind every parameter, and the data-class mask that access profiles will set.
/// </summary>
public sealed class firely_client_and_definitions : SearchFixture
{
    private FhirClient NewClient(ResourceFormat format = ResourceFormat.Json) =>
        new(Client.BaseAddress!.ToString().TrimEnd('/') + "/fhir", App.ClientFor(DefaultClient), new FhirClientSettings { PreferredFormat = format });

    [Test]
    public async Task the_firely_client_searches_pages_and_reads()
    {
        using var client = NewClient();
        var bundle = await client.SearchAsync<HealthcareService>(["specialty=270,439", "_count=1"]);
        Assert.That(bundle!.Total, Is.EqualTo(2));
        var ids = new List<string> { bundle.Entry.Single().Resource!.Id! };
        var next = await client.ContinueAsync(bundle);
        ids.Add(next!.Entry.Single().Resource!.Id!);
        Assert.That(ids, Is.EquivalentTo(new[] { PsychiatryUO, EhpadUO }));

        var near = await client.SearchAsync<Location>(new SearchParams().Add("near-insee-code", "69383|2|km").Include("Location:organization"));
        Assert.That(near!.Entry.Select(e => e.Resource!.Id), Is.EquivalentTo(new[] { PavilionLieu, Lyon }));

        var service = await client.ReadAsync<HealthcareService>($"HealthcareService/{PsychiatryUO}");
        Assert.That(service!.Name, Does.StartWith("Psychiatrie"));
        using var xmlClient = NewClient(ResourceFormat.Xml);
        var xml = await xmlClient.SearchAsync<Organization>(["identifier=690000013"]);
        Assert.That(xml!.Entry.Single().Resource!.Id, Is.EqualTo(Lyon));
    }

    [Test]
    public async Task the_firely_client_posts_a_search_and_reads_the_capability_statement()
    {
        using var client = NewClient();
        var bundle = await client.SearchUsingPostAsync<HealthcareService>(new SearchParams().Add("psychiatric-sector", "69G01").OrderBy("name"));
        // By the name every profile may see: the sensitive unit's is hidden, so it sorts first.
        Assert.That(bundle!.Entry.Select(e => e.Resource!.Id), Is.EqualTo(new[] { SensitiveUO, PsychiatryUO }));
        var capabilities = await client.CapabilityStatementAsync();
        var services = capabilities!.Rest.Single().Resource.Single(r => r.Type == "HealthcareService");
        Assert.That(services.SearchParam.Select(p => p.Name), Does.Contain("psychiatric-sector").And.Contain("_content").And.Contain("_filter"));
        Assert.That(services.SearchInclude, Does.Contain("HealthcareService:location"));
        Assert.That(capabilities.Rest.Single().Resource.Single(r => r.Type == "Location").SearchRevInclude, Does.Contain("HealthcareService:location"));
    }

    [Test]
    public async Task every_parameter_is_a_search_parameter_resource_readable_at_its_id()
    {
        var catalog = App.Services.GetRequiredService<SearchParameterCatalog>();
        Assert.That(catalog.All, Has.Count.GreaterThan(60));
        foreach (var definition in catalog.All)
        {
            var parameter = FhirJson.Parse<SearchParameter>(await Client.GetStringAsync($"/fhir/SearchParameter/{definition.Id}"));
            Assert.That(parameter.Code, Is.EqualTo(definition.Code));
        }
        var missing = await Client.GetAsync("/fhir/SearchParameter/nope");
        Assert.That((int)missing.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task a_search_never_matches_on_data_of_a_class_the_caller_may_not_see()
    {
        var engine = App.Services.GetRequiredService<SearchEngine>();
        var hidingSensitiveUnits = new AccessProfile("test", "T", "hides sensitive units", [DataClass.SensitiveUnit]);
        var seeingEverything = new AccessProfile("test-all", "T1", "sees everything", []);
        async Task<List<string>> Find(string query, AccessProfile profile)
        {
            var request = SearchRequests.Parse(App.Services, "HealthcareService", query);
            var result = await engine.SearchAsync(request, profile, CancellationToken.None);
            Assert.That(result.Total, Is.EqualTo(result.Matches.Count), "the total counts only what may be matched");
            return result.Matches.Select(m => m.Id).ToList();
        }

        Assert.That(await Find("psychiatric-sector=69G01", seeingEverything), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
        Assert.That(await Find("psychiatric-sector=69G01", hidingSensitiveUnits), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Find("_content=intensifs", hidingSensitiveUnits), Is.Empty);
        Assert.That(await Find("location.commune-cog=69383", hidingSensitiveUnits), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Find($"_id={SensitiveUO}", hidingSensitiveUnits), Is.EqualTo(new[] { SensitiveUO }), "its id stays visible");

        // A combined rule hides only what has all its classes: these units are outside medico-social.
        var hidingSensitiveUnitsOutsideMedicoSocial = new AccessProfile("t2", "T2", "combined", [DataClass.SensitiveUnit | DataClass.OutsideMedicoSocial]);
        var hidingSensitiveLevel2 = new AccessProfile("t3", "T3", "combined", [DataClass.SensitiveUnit | DataClass.ConfidentialityLevel2]);
        Assert.That(await Find("psychiatric-sector=69G01", hidingSensitiveUnitsOutsideMedicoSocial), Is.EqualTo(new[] { PsychiatryUO }));
        Assert.That(await Find("psychiatric-sector=69G01", hidingSensitiveLevel2), Is.EquivalentTo(new[] { PsychiatryUO, SensitiveUO }));
    }
}
