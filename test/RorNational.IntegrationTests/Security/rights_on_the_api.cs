using RorNational.IntegrationTests.Finess;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Marten;
using Marten.Events;
using RorNational.Domain.Common;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// Who may do what on /api, client by client (clients.json): admins register and import,
/// editors edit their EGs, validators decide the dossiers of their régions, auditors read the
/// history. A refusal is a 403 decided before anything is read, the same whether the target
/// exists or not.
/// </summary>
public sealed class rights_on_the_api : ApiFixture
{
    private const string EG = StructureRequests.EG;     // eg-010000024, Bourg-en-Bresse, région 84
    private const string Unknown = "eg-690000013";      // never registered here (would be Lyon, région 84 too)

    [SetUp]
    public Task RegisterTheHospital() => Client.Register(Requests.Registration()).EnsureOk();

    private static readonly (string Method, string Route)[] EditorRoutes =
    [
        ("PATCH", "/api/establishments/{eg}"),
        ("PUT", "/api/establishments/{eg}/uo/uo-cardio-hc/content"),
        ("PUT", "/api/establishments/{eg}/lieux/lieu-batiment-a/content"),
        ("POST", "/api/establishments/{eg}/dossiers"),
        ("PUT", "/api/establishments/{eg}/dossiers/d-1/fiches/uo-cardio-hc"),
        ("DELETE", "/api/establishments/{eg}/dossiers/d-1/fiches/uo-cardio-hc"),
        ("POST", "/api/establishments/{eg}/dossiers/d-1/fiches/uo-cardio-hc/finalize"),
        ("POST", "/api/establishments/{eg}/dossiers/d-1/submit"),
    ];

    [Test]
    public async Task an_editor_of_another_EG_is_refused_every_edit_the_same_way_whether_the_EG_exists_or_not()
    {
        var otherEditor = App.ClientFor(TestClients.OtherEditor);
        foreach (var (method, route) in EditorRoutes)
        {
            // A body that is not even JSON: the right is checked before the body is read.
            var onTheHospital = await Refusals.AssertForbidden(await Send(otherEditor, method, route.Replace("{eg}", EG), "not json"));
            var onAnUnknownEG = await Refusals.AssertForbidden(await Send(otherEditor, method, route.Replace("{eg}", Unknown), "not json"));
            Assert.That(onAnUnknownEG, Is.EqualTo(onTheHospital), $"{method} {route}");
        }
        Assert.That(await VersionOf(EG), Is.EqualTo(1), "nothing was written");
    }

    [Test]
    public async Task the_EG_s_editor_edits_it_and_the_events_record_its_client_id()
    {
        var editor = App.ClientFor(TestClients.Editor);

        var dossier = await editor.OpenDossier();
        await editor.PatchAsync($"/api/establishments/{EG}", JsonContent.Create(new { operationalName = "Hôpital de Fleyriat" })).EnsureOk();

        await using var session = App.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(EG);
        Assert.That(events.Skip(1).Select(e => ((IDomainEvent)e.Data).By.Id), Is.EqualTo(new[] { TestClients.Editor, TestClients.Editor }));
        Assert.That(events[0].Data, Is.InstanceOf<IDomainEvent>().And.Property("By").EqualTo(new Actor(TestClients.AllRights)));
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var timeline = await (await App.ClientFor(TestClients.Auditor).GetAsync($"/api/establishments/{EG}/timeline").EnsureOk()).ReadJson();
        Assert.That(timeline["entries"]!.AsArray().Select(e => e!["by"]!.GetValue<string>()),
            Is.EqualTo(new[] { TestClients.AllRights, TestClients.Editor, TestClients.Editor }));
        Assert.That(dossier, Does.StartWith("d-"));
    }

    [Test]
    public async Task a_validator_of_another_region_is_refused_the_same_way_whether_the_EG_exists_or_not()
    {
        var dossier = await Client.SubmitDossier(StructureRequests.HospitalFiches);
        var bretagne = App.ClientFor(TestClients.ValidatorBretagne);
        var ara = App.ClientFor(TestClients.ValidatorAra);
        var editor = App.ClientFor(TestClients.Editor);

        var refusals = new List<string>();
        foreach (var decision in new[] { "accept", "reject" })
        {
            refusals.Add(await Refusals.AssertForbidden(await Send(bretagne, "POST", $"/api/establishments/{EG}/dossiers/{dossier}/{decision}", "not json")));
            refusals.Add(await Refusals.AssertForbidden(await Send(bretagne, "POST", $"/api/establishments/{Unknown}/dossiers/{dossier}/{decision}", "not json")));
            // A validator of the région an unknown EG would be in learns nothing either.
            refusals.Add(await Refusals.AssertForbidden(await Send(ara, "POST", $"/api/establishments/{Unknown}/dossiers/{dossier}/{decision}", "not json")));
            // The EG's editor is no validator.
            refusals.Add(await Refusals.AssertForbidden(await Send(editor, "POST", $"/api/establishments/{EG}/dossiers/{dossier}/{decision}", "not json")));
        }
        Assert.That(refusals.Distinct().Count(), Is.EqualTo(1), "every refusal reads the same");

        await ara.Accept(dossier).EnsureOk();
        await using var session = App.Store.QuerySession();
        var accepted = (await session.Events.FetchStreamAsync(EG)).Last();
        Assert.That(((IDomainEvent)accepted.Data).By.Id, Is.EqualTo(TestClients.ValidatorAra));
    }

    [Test]
    public async Task only_admins_register_establishments_and_import_FINESS_extracts()
    {
        var editor = App.ClientFor(TestClients.Editor);
        var extract = Path.Combine(TestPostgres.RepositoryRoot(), "samples", "finess", "etalab-cs1100507-stock-sample.csv");

        await Refusals.AssertForbidden(await editor.Register(Requests.Registration(egFiness: "010000032")));
        await Refusals.AssertForbidden(await editor.PostAsync("/api/finess/imports", new ByteArrayContent(await File.ReadAllBytesAsync(extract))));
        var started = await Client.PostAsync("/api/finess/imports", new ByteArrayContent(await File.ReadAllBytesAsync(extract))).EnsureOk();
        var known = await Refusals.AssertForbidden(await editor.GetAsync(started.Headers.Location));
        var unknown = await Refusals.AssertForbidden(await editor.GetAsync("/api/finess/imports/fi-000000000000"));

        Assert.That(unknown, Is.EqualTo(known));
        Assert.That(await VersionOf("eg-010000032"), Is.Null, "the refused registration wrote nothing");
        await Client.WaitForImport(started.Headers.Location!);
    }

    [TestCase(TestClients.Public)]
    [TestCase(TestClients.OtherEditor)]
    [TestCase(TestClients.ValidatorBretagne)]
    public async Task the_history_and_the_editors_view_are_refused_to_others_the_same_way_whether_the_EG_exists_or_not(string clientId)
    {
        var client = App.ClientFor(clientId);

        var refusals = new List<string>();
        foreach (var eg in new[] { EG, Unknown })
        {
            refusals.Add(await Refusals.AssertForbidden(await client.GetAsync($"/api/establishments/{eg}/timeline")));
            refusals.Add(await Refusals.AssertForbidden(await client.GetAsync($"/api/establishments/{eg}")));
        }
        refusals.Add(await Refusals.AssertForbidden(await client.GetAsync("/api/establishments/ej-010008407/timeline")));
        Assert.That(refusals.Distinct().Count(), Is.EqualTo(1));
    }

    [TestCase(TestClients.Auditor)]
    [TestCase(TestClients.Editor)]
    [TestCase(TestClients.ValidatorAra)]
    public async Task auditors_and_the_EG_s_editors_and_validators_read_its_history_and_view(string clientId)
    {
        var client = App.ClientFor(clientId);
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        Assert.That((await client.GetAsync($"/api/establishments/{EG}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync($"/api/establishments/{EG}/timeline")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task only_auditors_read_the_history_of_an_EJ()
    {
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        Assert.That((await App.ClientFor(TestClients.Auditor).GetAsync("/api/establishments/ej-010008407/timeline")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Refusals.AssertForbidden(await App.ClientFor(TestClients.Editor).GetAsync("/api/establishments/ej-010008407/timeline"));
        await Refusals.AssertForbidden(await App.ClientFor(TestClients.ValidatorAra).GetAsync("/api/establishments/ej-010008407/timeline"));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path, string body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });

    private async Task<long?> VersionOf(string stream)
    {
        await using var session = App.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(stream))?.Version;
    }
}
