using JasperFx;
using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.Capacity.Receipts;

namespace RorNational.IntegrationTests.Fhir;

/// <summary>
/// <see cref="SelectInBatch"/>: a select queued in a session's batch for what it does (a lock, a
/// check) has its result stepped over, so that the operation after it reads its own. A supplier's
/// receipt, inserted with a version check, reads the row its insert returns: after a select
/// queued as a plain SQL command, it read the select's result instead, and a select of no row
/// made it fail as already written.
/// </summary>
public sealed class selecting_in_a_batch : ApiFixture
{
    [TestCase(0)]
    [TestCase(3)]
    public async Task the_operation_after_a_select_reads_its_own_result(int rows)
    {
        var receipt = new SupplyReceipt { Id = $"select-in-batch|{rows}", Fingerprint = "f", At = Clock.GetUtcNow() };
        await using (var session = App.Store.LightweightSession())
        {
            SelectInBatch.Queue(session, "select i from generate_series(1, ?) as i", [rows]);
            session.Insert(receipt);
            await session.SaveChangesAsync();
        }

        await using var query = App.Store.QuerySession();
        Assert.That((await query.LoadAsync<SupplyReceipt>(receipt.Id))?.Fingerprint, Is.EqualTo("f"));
    }

    /// <summary>The trap itself, as Marten has it: if this passes no more, plain SQL commands may return rows again.</summary>
    [Test]
    public async Task queued_as_a_plain_sql_command_a_select_of_no_row_fails_the_next_insert()
    {
        await using var session = App.Store.LightweightSession();
        session.QueueSqlCommand("select i from generate_series(1, ?) as i", 0);
        session.Insert(new SupplyReceipt { Id = "select-in-batch|plain", Fingerprint = "f", At = Clock.GetUtcNow() });

        Assert.ThrowsAsync<DocumentAlreadyExistsException>(() => session.SaveChangesAsync());
    }
}
