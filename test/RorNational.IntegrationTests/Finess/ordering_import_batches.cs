using Marten;
using Npgsql;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.FinessImports;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// What keeps the commits of an import's batches in the extract's order while their SQL runs side
/// by side (<see cref="FinessImportProgress"/>, its statements as <c>FinessImportBatch</c> sends
/// them through Marten): a batch's last statements wait until the transaction of the batch before
/// has ended, and its progress is stored only if the report says what that batch committed.
/// </summary>
public sealed class ordering_import_batches : ApiFixture
{
    private const string Import = "fi-ordering-test";

    [SetUp]
    public async Task GivenARunningImportAfterTwoBatches()
    {
        await using var session = App.Store.LightweightSession();
        session.Store(Report(entriesCommitted: 1000, batches: 2));
        await session.SaveChangesAsync();
    }

    /// <summary>The report says Running: the fixture would wait for it before the next test.</summary>
    [TearDown]
    public async Task RemoveTheReport()
    {
        await using var session = App.Store.LightweightSession();
        session.Delete<FinessImport>(Import);
        await session.SaveChangesAsync();
    }

    [Test]
    public async Task a_batch_stores_its_progress_only_once_the_batch_before_has_ended()
    {
        // The fourth batch's SQL ends before the third's: it waits for the third's turn, not for its progress.
        await using var third = await TakeTurn(3);
        var fourth = StoreProgressAfter(batch: 4, committedBefore: 1500);
        await Task.Delay(500);
        Assert.That(fourth.IsCompleted, Is.False, "the fourth batch stored its progress before the third committed");

        QueueProgress(third, batch: 3, committedBefore: 1000);
        await third.SaveChangesAsync();
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await EntriesCommitted(), Is.EqualTo(2000));
    }

    [Test]
    public async Task a_batch_whose_batch_before_rolled_back_fails_and_stores_nothing()
    {
        var third = await TakeTurn(3);
        QueueProgress(third, batch: 3, committedBefore: 1000);
        var fourth = StoreProgressAfter(batch: 4, committedBefore: 1500);
        await Task.Delay(200);
        await third.DisposeAsync();

        var failure = Assert.CatchAsync(() => fourth.WaitAsync(TimeSpan.FromSeconds(10)));
        var postgres = failure as PostgresException ?? failure!.InnerException as PostgresException;
        Assert.That(FinessImportProgress.MovedOn(failure!), Is.True, failure!.ToString());
        Assert.That(postgres?.SqlState, Is.EqualTo(FinessImportProgress.MovedOnCode), failure.ToString());
        Assert.That(postgres!.MessageText, Does.Contain(Import).And.Contain("moved on"));
        Assert.That(await EntriesCommitted(), Is.EqualTo(1000));
    }

    [Test]
    public async Task a_report_that_is_no_longer_running_takes_no_progress()
    {
        await using (var session = App.Store.LightweightSession())
        {
            var report = (await session.LoadAsync<FinessImport>(Import))!;
            report.Status = FinessImportStatus.Failed;
            session.Store(report);
            await session.SaveChangesAsync();
        }

        await using var third = await TakeTurn(3);
        QueueProgress(third, batch: 3, committedBefore: 1000);
        var failure = Assert.CatchAsync(() => third.SaveChangesAsync());

        Assert.That(FinessImportProgress.MovedOn(failure!), Is.True, failure!.ToString());
        Assert.That(await EntriesCommitted(), Is.EqualTo(1000));
    }

    /// <summary>A batch's transaction, its turn taken as a batch's first statement takes it.</summary>
    private async Task<IDocumentSession> TakeTurn(int batch)
    {
        var session = App.Store.LightweightSession();
        await session.BeginTransactionAsync(CancellationToken.None);
        await session.QueryAsync<long>(FinessImportProgress.HoldTurn, CancellationToken.None, Import, batch);
        return session;
    }

    /// <summary>A batch's last statements: the turn of the batch before awaited, then the progress.</summary>
    private void QueueProgress(IDocumentSession session, int batch, long committedBefore)
    {
        if (batch > 1) session.QueueSqlCommand(FinessImportProgress.AwaitTurn, Import, batch - 1);
        session.QueueSqlCommand(FinessImportProgress.Call(App.Store.Options.DatabaseSchemaName), Import, committedBefore,
            App.Store.Options.Serializer().ToJson(Report(committedBefore + 500, batch)));
    }

    /// <summary>A batch whose SQL has run and that now stores its progress, in a transaction of its own.</summary>
    private Task StoreProgressAfter(int batch, long committedBefore) => Task.Run(async () =>
    {
        await using var session = await TakeTurn(batch);
        QueueProgress(session, batch, committedBefore);
        await session.SaveChangesAsync();
    });

    private static FinessImport Report(long entriesCommitted, int batches) =>
        new() { Id = Import, Status = FinessImportStatus.Running, EntriesCommitted = entriesCommitted, Batches = batches };

    private async Task<long> EntriesCommitted()
    {
        await using var session = App.Store.QuerySession();
        return (await session.LoadAsync<FinessImport>(Import))!.EntriesCommitted;
    }
}
