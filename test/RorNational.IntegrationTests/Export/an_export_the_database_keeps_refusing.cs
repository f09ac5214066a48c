using System.Net;
using System.Text.Json.Nodes;
using RorNational.Fhir.Export.Files;
using RorNational.Fhir.Export.Running;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// An export whose files the database refuses at every run (a trigger makes every chunk insert
/// fail, as a full disk or a lost table would): it is retried after each cooldown
/// (<see cref="ExportHandler.Cooldowns"/>), then marked Failed. Its poll answers 500 with an
/// OperationOutcome that names no cause, nothing of it is left in the database, and it no longer
/// counts against the client's active exports: the next one runs.
/// </summary>
public sealed class an_export_the_database_keeps_refusing : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Export:MaxActivePerClient"] = "1",
        ["Limits:Defaults:Export:Permits"] = "100000",
        ["Limits:Defaults:Export:Burst"] = "100000",
    };

    private string Chunks => ExportChunkTable.QualifiedName(App.Store.Options.DatabaseSchemaName);

    [Test, CancelAfter(150_000)]
    public async Task is_marked_failed_once_its_retries_run_out()
    {
        Assert.That((await Client.Register(Requests.Registration(egName: "CH REFUSED"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await SqlAsync($"""
            create function {App.Store.Options.DatabaseSchemaName}.refuse_chunks() returns trigger language plpgsql as $$
            begin raise exception 'no space left for export chunks (test)'; end $$;
            create trigger refuse_chunks before insert on {Chunks} for each row execute function {App.Store.Options.DatabaseSchemaName}.refuse_chunks();
            """);

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var status = await Client.Started("/fhir/$export");
        var retries = ExportHandler.Cooldowns.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);
        var deadline = DateTime.UtcNow + retries + TimeSpan.FromSeconds(60);
        HttpResponseMessage poll;
        while ((poll = await Client.GetAsync(status)).StatusCode == HttpStatusCode.Accepted && DateTime.UtcNow < deadline)
        {
            // While it is retried it is still active: a second export waits its turn.
            var second = await Client.KickOff("/fhir/$export");
            if (second.StatusCode == HttpStatusCode.Accepted)
            {
                // Its retries ran out between the poll and this kick-off: it no longer counts. The
                // second is cancelled (it would meet the same refusal), and the next poll tells the failure.
                Assert.That((await Client.GetAsync(status)).StatusCode, Is.Not.EqualTo(HttpStatusCode.Accepted), "a second export starts only once the first has ended");
                Assert.That((await Client.DeleteAsync(second.StatusUrl())).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
                continue;
            }
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), await second.Content.ReadAsStringAsync());
            await Task.Delay(1000);
        }

        var body = await poll.Content.ReadAsStringAsync();
        Assert.That(poll.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), body);
        // Marten reports the refused insert in its own exception: still a database failure, retried after each cooldown.
        Assert.That(elapsed.Elapsed, Is.GreaterThanOrEqualTo(retries), "failed only after its retries");
        var outcome = JsonNode.Parse(body)!.AsObject();
        Assert.That(outcome["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
        var diagnostics = outcome["issue"]![0]!["diagnostics"]!.GetValue<string>();
        Assert.That(diagnostics, Does.Contain(ExportHandler.FailureMessage).And.Contain("Kick off a new one"));
        Assert.That(diagnostics, Does.Not.Contain("no space left"), "the cause is logged, not told");
        Assert.That(await ScalarAsync($"select count(*) from {Chunks}"), Is.Zero);

        await SqlAsync($"drop trigger refuse_chunks on {Chunks}");
        var manifest = await Client.Exported("/fhir/$export");
        Assert.That(manifest.Outputs().Sum(o => o["count"]!.GetValue<long>()), Is.GreaterThanOrEqualTo(2), "the next export runs: the EJ and the EG");
    }

    private Task SqlAsync(string sql) => Sql.Execute(ConnectionString, sql);

    private Task<long> ScalarAsync(string sql) => Sql.Scalar<long>(ConnectionString, sql);
}
