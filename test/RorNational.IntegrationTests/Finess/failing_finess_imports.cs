using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Finess.FinessImportCalls;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// An import the database stops: its report says where and why, in words, without the SQL of
/// the batch nor a value of the data, and nothing is closed.
/// </summary>
public sealed class failing_finess_imports : ApiFixture
{
    private const string Secret = "SECRET-VALUE-0472110069";

    private readonly CapturedLogs _logs = new();

    protected override void ConfigureServices(IServiceCollection services) => _logs.AddTo(services);

    /// <summary>A trigger that refuses Herriot's events, quoting a value as PostgreSQL messages may.</summary>
    private async Task RefuseHerriotEvents(bool refuse)
    {
        var schema = App.Store.Options.DatabaseSchemaName;
        var sql = refuse
            ? $"""
               create or replace function {schema}.refuse_herriot() returns trigger language plpgsql as $$
               begin
                 if new.stream_id = 'eg-690000013' then raise exception 'refused row with phone {Secret}'; end if;
                 return new;
               end $$;
               create trigger refuse_herriot before insert on {schema}.mt_events for each row execute function {schema}.refuse_herriot();
               """
            : $"drop trigger if exists refuse_herriot on {schema}.mt_events; drop function if exists {schema}.refuse_herriot();";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task a_batch_the_database_refuses_fails_the_import_with_a_reason_and_closes_nothing()
    {
        await Client.Register(Requests.Registration(ejFiness: "130786049", egFiness: "130783236")).EnsureOk();
        await RefuseHerriotEvents(true);
        try
        {
            var report = await Client.Import(Sample());

            Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Failed"), report.ToJsonString());
            var failure = report["failure"]!.GetValue<string>();
            Assert.That(failure, Does.StartWith("the database refused batch 1 (lines 2 to ").And.Contain("PostgreSQL error P0001"));
            Assert.That(failure, Does.Not.Contain(Secret).And.Not.Contain("mt_").And.Not.Contain("insert").And.Not.Contain("select"));
            Assert.That((await App.Store.StoredEGs())["130783236"].Closed, Is.False, "a failed import closes nothing");
            var logged = _logs.Entries.Where(e => e.Category.EndsWith("FinessImportHandler", StringComparison.Ordinal)).ToList();
            Assert.That(logged.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Error }));
            Assert.That(logged[0].Text, Does.Contain(report["id"]!.GetValue<string>()).And.Contain(failure).And.Contain("PostgresException P0001"));
            Assert.That(logged[0].Text, Does.Not.Contain(Secret).And.Not.Contain("mt_events").And.Not.Contain("insert"));
        }
        finally
        {
            await RefuseHerriotEvents(false);
        }
    }
}
