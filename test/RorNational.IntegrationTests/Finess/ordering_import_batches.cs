using Npgsql;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.FinessImports;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// What keeps the commits of an import's batches in the extract's order while their SQL runs side
/// by side (<see cref="FinessImportProgress"/>), on the database itself: a batch's last statements
/// wait until the transaction of the batch before has ended, and its progress is stored only if
/// the report says what that batch committed.
/// </summary>
public sealed class ordering_import_batches : ApiFixture
{
    private const string Import = "fi-ordering-test";

    private string Schema => App.Store.Options.DatabaseSchemaName;

    [SetUp]
    public async Task GivenARunningImportAfterTwoBatches()
    {
        await using var connection = await Open();
        await Execute(connection, $"delete from {Schema}.mt_doc_finessimport where id = @id", ("id", Import));
        await Execute(connection,
            $"insert into {Schema}.mt_doc_finessimport (id, data, mt_dotnet_type) values (@id, @data::jsonb, 'RorNational.Offer.FinessImports.FinessImport')",
            ("id", Import), ("data", Report(entriesCommitted: 1000, batches: 2)));
    }

    /// <summary>The report says Running: the fixture would wait for it before the next test.</summary>
    [TearDown]
    public async Task RemoveTheReport()
    {
        await using var connection = await Open();
        await Execute(connection, $"delete from {Schema}.mt_doc_finessimport where id = @id", ("id", Import));
    }

    [Test]
    public async Task a_batch_stores_its_progress_only_once_the_batch_before_has_ended()
    {
        // The fourth batch's SQL ends before the third's: it waits for the third's turn, not for its progress.
        await using var third = await Open();
        await using var thirdTransaction = await third.BeginTransactionAsync();
        await Execute(third, "select count(*) from pg_advisory_xact_lock(hashtext(@id), 3)", ("id", Import));

        await using var fourth = await Open();
        await using var fourthTransaction = await fourth.BeginTransactionAsync();
        var waiting = Task.Run(async () =>
        {
            await Execute(fourth, "select pg_advisory_xact_lock(hashtext(@id), 3)", ("id", Import));
            await Execute(fourth, $"select {Schema}.{FinessImportProgress.Name}(@id, 1500, @data::jsonb)", ("id", Import), ("data", Report(2000, 4)));
        });
        await Task.Delay(500);
        Assert.That(waiting.IsCompleted, Is.False, "the fourth batch stored its progress before the third committed");

        await Execute(third, $"select {Schema}.{FinessImportProgress.Name}(@id, 1000, @data::jsonb)", ("id", Import), ("data", Report(1500, 3)));
        await thirdTransaction.CommitAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await fourthTransaction.CommitAsync();
        Assert.That(await EntriesCommitted(), Is.EqualTo(2000));
    }

    [Test]
    public async Task a_batch_whose_batch_before_rolled_back_fails_and_stores_nothing()
    {
        await using var third = await Open();
        await using var thirdTransaction = await third.BeginTransactionAsync();
        await Execute(third, "select count(*) from pg_advisory_xact_lock(hashtext(@id), 3)", ("id", Import));
        await Execute(third, $"select {Schema}.{FinessImportProgress.Name}(@id, 1000, @data::jsonb)", ("id", Import), ("data", Report(1500, 3)));

        await using var fourth = await Open();
        await using var fourthTransaction = await fourth.BeginTransactionAsync();
        var waiting = Task.Run(async () =>
        {
            await Execute(fourth, "select pg_advisory_xact_lock(hashtext(@id), 3)", ("id", Import));
            await Execute(fourth, $"select {Schema}.{FinessImportProgress.Name}(@id, 1500, @data::jsonb)", ("id", Import), ("data", Report(2000, 4)));
        });
        await Task.Delay(200);
        await thirdTransaction.RollbackAsync();

        var failure = Assert.CatchAsync<PostgresException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(failure!.SqlState, Is.EqualTo(FinessImportProgress.MovedOnCode));
        Assert.That(FinessImportProgress.MovedOn(new InvalidOperationException("wrapped", failure)), Is.True);
        Assert.That(failure.MessageText, Does.Contain(Import).And.Contain("moved on"));
        Assert.That(await EntriesCommitted(), Is.EqualTo(1000));
    }

    [Test]
    public async Task a_report_that_is_no_longer_running_takes_no_progress()
    {
        await using var connection = await Open();
        await Execute(connection, $"update {Schema}.mt_doc_finessimport set data = jsonb_set(data, '{{Status}}', '\"Failed\"') where id = @id", ("id", Import));

        var failure = Assert.CatchAsync<PostgresException>(() =>
            Execute(connection, $"select {Schema}.{FinessImportProgress.Name}(@id, 1000, @data::jsonb)", ("id", Import), ("data", Report(1500, 3))));

        Assert.That(failure!.SqlState, Is.EqualTo(FinessImportProgress.MovedOnCode));
        Assert.That(await EntriesCommitted(), Is.EqualTo(1000));
    }

    private static string Report(long entriesCommitted, int batches) =>
        $$"""{"Id": "{{Import}}", "Status": "Running", "EntriesCommitted": {{entriesCommitted}}, "Batches": {{batches}}}""";

    private async Task<long> EntriesCommitted()
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand($"select (data ->> 'EntriesCommitted')::bigint from {Schema}.mt_doc_finessimport where id = @id", connection);
        command.Parameters.AddWithValue("id", Import);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
