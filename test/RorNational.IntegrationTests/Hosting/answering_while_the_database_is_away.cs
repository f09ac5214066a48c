using System.Net;
using Hl7.Fhir.Model;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The host's database goes away under it (its connections cut, then renamed, as during a
/// restore or a failover): requests get 503 with Retry-After and an OperationOutcome, not
/// 500, and are served again once it is back.
/// </summary>
[Category("Faults")]
public sealed class answering_while_the_database_is_away : ApiFixture
{
    private string _away = "";

    [Test]
    public async Task reads_and_writes_get_503_with_retry_after_then_are_served_once_it_is_back()
    {
        await Client.Register(Requests.Registration());

        await TakeTheDatabaseAway();
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => Client.GetAsync("/fhir/Organization/eg-010000024"),
                     () => Client.GetAsync("/fhir/Organization?identifier=010000024"),
                     () => Client.GetAsync("/api/establishments/eg-010000024"),
                     () => Client.Register(Requests.Registration(ejFiness: "350000030", egFiness: "350002812")),
                 })
        {
            var response = await request();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await response.Content.ReadAsStringAsync());
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            var outcome = RorNational.Fhir.FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
            Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.Transient));
            Assert.That(outcome.Issue.Single().Diagnostics, Is.EqualTo("the database is unavailable for the moment; retry later"));
        }

        await BringItBack();
        Assert.That(await StatusOnceBack("/fhir/Organization/eg-010000024"), Is.EqualTo(HttpStatusCode.OK));
    }

    [TearDown]
    public Task Restore() => BringItBack();

    private string Database => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    private async Task TakeTheDatabaseAway()
    {
        _away = Database + "_away";
        await Admin($"alter database \"{Database}\" allow_connections false",
            $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{Database}' and pid <> pg_backend_pid()",
            $"alter database \"{Database}\" rename to \"{_away}\"",
            $"alter database \"{_away}\" allow_connections true");
    }

    private async Task BringItBack()
    {
        if (_away.Length == 0) return;
        await Admin($"alter database \"{_away}\" allow_connections false",
            $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{_away}' and pid <> pg_backend_pid()",
            $"alter database \"{_away}\" rename to \"{Database}\"",
            $"alter database \"{Database}\" allow_connections true");
        _away = "";
    }

    /// <summary>Connections cut while it was away may fail once more: the first answer that is not 503.</summary>
    private async Task<HttpStatusCode> StatusOnceBack(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var status = (await Client.GetAsync(path)).StatusCode;
            if (status != HttpStatusCode.ServiceUnavailable || attempt == 20) return status;
            await System.Threading.Tasks.Task.Delay(250);
        }
    }

    private async Task Admin(params string[] statements)
    {
        var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
