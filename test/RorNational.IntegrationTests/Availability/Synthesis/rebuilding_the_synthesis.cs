using RorNational.IntegrationTests.Infrastructure;
using Marten;
using Npgsql;
using RorNational.Fhir.Availability.Figures;
using RorNational.Fhir.Availability.Placement;
using RorNational.IntegrationTests.Rebuilding;

namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>
/// `rebuild-publication` rebuilds the units' placements and the lieux' figures with the
/// publication they are written by: the same placements, the same figures, the same synthesis.
/// </summary>
public sealed class rebuilding_the_synthesis : AvailabilityFixture
{
    [Test, CancelAfter(600_000)]
    public async Task the_rebuilt_publication_places_the_units_as_they_were()
    {
        var placements = await Placements();
        var units = await Client.GetStringAsync("/api/availability/units");
        Assert.That(placements, Has.Count.EqualTo(11));

        var figures = await Figures();
        Assert.That(figures, Has.Count.GreaterThan(5));
        await using (var session = App.Store.LightweightSession())
        {
            session.HardDeleteWhere<UnitPlacement>(p => p.Departement == "2A");
            session.QueueSqlCommand($"delete from {AvailabilityFiguresTable.QualifiedName(App.Store)} where id like 'capacity-010000024-%'");
            session.QueueSqlCommand($"update {AvailabilityFiguresTable.QualifiedName(App.Store)} set available = 99");
            await session.SaveChangesAsync();
        }
        Assert.That(await Placements(), Has.Count.EqualTo(9), "the damage shows");
        Assert.That(await Figures(), Is.Not.EqualTo(figures), "the damage shows");

        var (exitCode, output) = await HostCommand.RunAsync(ConnectionString, "rebuild-publication");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(await Placements(), Is.EqualTo(placements));
        Assert.That(await Figures(), Is.EqualTo(figures));
        Assert.That(await Client.GetStringAsync("/api/availability/units"), Is.EqualTo(units));
    }

    private Task<List<string>> Figures() =>
        Sql.Rows(ConnectionString, $"select f::text from {AvailabilityFiguresTable.QualifiedName(App.Store)} f order by id", r => r.GetString(0));

    private async Task<List<string>> Placements()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var table = App.Store.Options.FindOrResolveDocumentType(typeof(UnitPlacement)).TableName.QualifiedName;
        await using var command = new NpgsqlCommand($"select id || ' ' || data::text from {table} order by id", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
