using Npgsql;
using RorNational.Fhir.Export.Running;
using RorNational.Fhir.Publishing;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// An EJ's <c>$export</c> finds its EGs by their EJ (<see cref="ExportScope.EGsOfEJ"/>) through an
/// index on the publication states, not by reading every EG's state: at national scale (100,000
/// EG, each state several kilobytes) a scan would take seconds at every kick-off.
/// </summary>
public sealed class finding_an_ej_s_establishments : ApiFixture
{
    [Test]
    public async Task goes_through_the_index_on_the_eg_s_ej()
    {
        await Client.PublishHospital();
        var states = App.Store.Options.FindOrResolveDocumentType(typeof(PublicationState)).TableName.QualifiedName;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // A few rows: the planner would scan them whatever the indexes; forbidding scans shows whether an index can answer.
        await new NpgsqlCommand("set local enable_seqscan = off", connection, transaction).ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("explain " + ExportScope.EGsOfEJ(states), connection, transaction)
        {
            Parameters = { new() { Value = "010008407" } },
        };
        var plan = string.Join('\n', await Sql.Rows(explain, row => row.GetString(0)));
        // An index condition on the EJ (a walk of the primary key filtering every row would not be one).
        Assert.That(plan, Does.Contain("Index Cond").And.Contain("EJFiness").And.Not.Contain("Seq Scan"), plan);

        var found = await ExportScope.StreamsAsync(states, "ej-010008407", transaction, CancellationToken.None);
        Assert.That(found, Has.Length.GreaterThan(1), "the EJ and its EG");
    }
}
