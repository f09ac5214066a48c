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

    /// <summary>
    /// A trigger that fails the first write of Herriot's events as a serialization failure would
    /// (40001), or, with <paramref name="raise"/>, as another failure would.
    /// </summary>
    private async Task FailHerriotOnceAsTransient(bool fail, string raise = "using errcode = '40001'")
    {
        var schema = App.Store.Options.DatabaseSchemaName;
        var sql = fail
            ? $"""
               create sequence if not exists {schema}.herriot_attempts;
               create or replace function {schema}.fail_herriot_once() returns trigger language plpgsql as $$
               begin
                 if new.stream_id = 'eg-690000013' and nextval('{schema}.herriot_attempts') = 1 then
                   raise exception 'could not serialize, phone {Secret}' {raise};
                 end if;
                 return new;
               end $$;
               create trigger fail_herriot_once before insert on {schema}.mt_events for each row execute function {schema}.fail_herriot_once();
               """
            : $"drop trigger if exists fail_herriot_once on {schema}.mt_events; drop function if exists {schema}.fail_herriot_once(); " +
              $"drop sequence if exists {schema}.herriot_attempts;";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task a_transient_failure_is_retried_from_the_last_committed_batch_and_the_import_completes_with_each_event_once()
    {
        _logs.Clear();
        await FailHerriotOnceAsTransient(true);
        try
        {
            var report = await Client.Import(Sample());

            Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"), report.ToJsonString());
            Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(19));
            await using var session = App.Store.QuerySession();
            var egEvents = await Marten.QueryableExtensions.ToListAsync(session.Events.QueryAllRawEvents().Where(e => e.StreamKey!.StartsWith("eg-")));
            Assert.That(egEvents.GroupBy(e => e.StreamKey).Select(g => g.Count()).Distinct(), Is.EqualTo(new[] { 1 }), "each EG registered once");
            Assert.That(egEvents, Has.Count.EqualTo(19));
            var logged = _logs.Entries.Where(e => e.Text.Contains(report["id"]!.GetValue<string>())).ToList();
            Assert.That(logged.Where(e => e.Level == LogLevel.Warning).Select(e => e.Text),
                Has.Some.Contains("interrupted").And.Some.Contains("PostgresException 40001"), _logs.AllText);
            Assert.That(logged.Where(e => e.Level >= LogLevel.Error).Select(e => e.Category), Has.None.EndsWith("FinessImportHandler"));
            // Marten's own log names PostgreSQL's message (see MartenLogWithoutParameters); the import's and Wolverine's do not.
            Assert.That(_logs.Entries.Where(e => !e.Category.StartsWith("Marten")).Select(e => e.Text), Has.None.Contains(Secret), _logs.AllText);
        }
        finally
        {
            await FailHerriotOnceAsTransient(false);
        }
    }

    [Test]
    public async Task a_batch_whose_location_version_another_transaction_wrote_first_is_retried_and_the_import_completes()
    {
        // As PostgreSQL reports a version already stored (ResourceVersionRows.IsConcurrentInsert): a capacity change rendered it first.
        await FailHerriotOnceAsTransient(true, "using errcode = '23505', table = 'fhir_resource_version', constraint = 'fhir_resource_version_pkey'");
        try
        {
            var report = await Client.Import(Sample());

            Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"), report.ToJsonString());
            Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(19));
        }
        finally
        {
            await FailHerriotOnceAsTransient(false);
        }
    }
}
