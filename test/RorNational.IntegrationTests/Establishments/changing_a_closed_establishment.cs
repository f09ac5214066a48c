using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using StoredEG = RorNational.Domain.Establishments.EG;
using RorNational.IntegrationTests.Finess;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;

namespace RorNational.IntegrationTests.Establishments;

/// <summary>
/// An EG a full FINESS extract leaves out is closed: every change to its description is
/// refused with 422 naming the closure, nothing is written; a submitted dossier may still be
/// rejected; an import that lists it again reopens it.
/// </summary>
public sealed class changing_a_closed_establishment : ApiFixture
{
    private const string Closure = "eg-010000024 was closed by FINESS on 2026-03-02 (absent from the full FINESS extract of";

    [SetUp]
    public Task GivenAPublishedHospital() => Client.PublishHospital();

    /// <summary>Imports the sample extract without the hospital's lines: it closes it.</summary>
    private async Task CloseTheHospital()
    {
        var withoutTheHospital = string.Join('\n', FinessImportCalls.Sample().Split('\n').Where(line => !line.Contains(";010000024;")));
        var report = await Client.Import(withoutTheHospital, "?confirmClosures=true");
        Assert.That(report["closed"]!.GetValue<int>(), Is.EqualTo(1), report.ToJsonString());
    }

    private async Task AssertRefusedForTheClosure(Func<Task<HttpResponseMessage>> change)
    {
        var before = await App.StreamVersion(EG);

        var outcome = await (await change()).AssertRefused(HttpStatusCode.UnprocessableEntity, null);

        Assert.That(outcome.Issue.Single().Diagnostics, Does.StartWith(Closure).And.EndWith("it takes no change until a FINESS import lists it again"));
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(before), "nothing written");
    }

    [Test]
    public async Task direct_edits_and_a_new_dossier_are_refused()
    {
        await CloseTheHospital();

        await AssertRefusedForTheClosure(() => Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)));
        await AssertRefusedForTheClosure(() => Client.PatchAsJsonAsync($"/api/establishments/{EG}", new { operationalName = "CH Fleyriat" }));
        await AssertRefusedForTheClosure(() => Client.PostAsync($"/api/establishments/{EG}/dossiers", null));
    }

    [Test]
    public async Task a_draft_dossier_takes_no_draft_removal_finalization_or_submission()
    {
        var dossier = await Client.OpenDossier();
        await Client.DraftFiche(dossier, "uo-cardio-hc", UO("Cardiologie HC")).EnsureOk();
        await CloseTheHospital();

        await AssertRefusedForTheClosure(() => Client.DraftFiche(dossier, "uo-cardio-hc", UO("Cardiologie")));
        await AssertRefusedForTheClosure(() => Client.DeleteAsync($"/api/establishments/{EG}/dossiers/{dossier}/fiches/lieu-batiment-a"));
        await AssertRefusedForTheClosure(() => Client.Finalize(dossier, "uo-cardio-hc"));
        await AssertRefusedForTheClosure(() => Client.Submit(dossier));
    }

    [Test]
    public async Task a_submitted_dossier_is_not_accepted_but_may_be_rejected()
    {
        var dossier = await Client.SubmitDossier(("uo-cardio-hc", UO("Cardiologie HC")));
        await CloseTheHospital();

        await AssertRefusedForTheClosure(() => Client.Accept(dossier));
        await Client.Reject(dossier, "l'établissement a fermé").EnsureOk();

        var eg = await (await Client.GetAsync($"/api/establishments/{EG}")).ReadJson();
        Assert.That(eg["openDossier"], Is.Null);
        Assert.That(eg["status"]!["state"]!.GetValue<string>(), Is.EqualTo("Closed"));
        Assert.That(eg["status"]!["reason"]!.GetValue<string>(), Does.StartWith("absent from the full FINESS extract of"));
    }

    [Test]
    public async Task an_import_that_lists_it_again_reopens_it_to_changes()
    {
        await CloseTheHospital();

        var reopened = await Client.Import(FinessImportCalls.Sample());

        Assert.That(reopened["reopened"]!.GetValue<int>(), Is.EqualTo(1), reopened.ToJsonString());
        await Client.PutAsJsonAsync($"/api/establishments/{EG}/uo/uo-cardio-hc/content", Content(16)).EnsureOk();
    }

    [Test]
    public async Task a_snapshot_stored_as_a_closed_flag_before_the_status_still_loads_as_closed()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            var table = $"{App.Store.Options.DatabaseSchemaName}.mt_doc_eg";
            await using var older = new NpgsqlCommand(
                $"update {table} set data = (data - 'Status') || '{{\"Closed\": true}}'::jsonb where id = '{EG}'", connection);
            Assert.That(await older.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var refused = await Client.PostAsync($"/api/establishments/{EG}/dossiers", null);

        var outcome = await refused.AssertRefused(HttpStatusCode.UnprocessableEntity, null);
        Assert.That(outcome.Issue.Single().Diagnostics, Does.StartWith($"{EG} is closed in FINESS"));
        await using var session = App.Store.QuerySession();
        Assert.That(await session.Query<StoredEG>().Where(eg => !eg.Closed).CountAsync(), Is.Zero, "the query of open EGs reads the stored flag");
    }
}
