using RorNational.Fhir.Availability.Figures;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>
/// A database written before the lieux' figures had their own table (<see cref="AvailabilityFiguresTable"/>)
/// kept them as the documents of an asynchronous projection (<c>mt_doc_lieuavailability</c>, the
/// figures and the date as duplicated columns): the migration that creates the table copies
/// them into it, once, so that the synthesis reads them as before.
/// </summary>
public sealed class figures_kept_before_their_own_table : OwnDatabase
{
    [Test, CancelAfter(120_000)]
    public async Task the_table_starts_with_the_figures_the_documents_held()
    {
        await WithOlderTableInsteadOf(AvailabilityFiguresTable.QualifiedName("ror"),
            "create table ror.mt_doc_lieuavailability (id varchar primary key, data jsonb not null, mt_last_modified timestamptz default transaction_timestamp(), " +
            "mt_dotnet_type varchar, mt_version bigint not null default 0, available integer, installed integer, closed integer, " +
            "closed_reactivable integer, supplementary integer, forecast_next_day integer, last_source_date timestamptz)");
        await Sql.Execute(Database, "insert into ror.mt_doc_lieuavailability (id, data, available, installed, closed, closed_reactivable, supplementary, forecast_next_day, last_source_date) values " +
            "('capacity-010000024-lieu-reanimation', '{}', 3, 20, 2, 2, 4, 4, '2026-03-02T07:00:00Z'), " +
            "('capacity-010000024-lieu-usinv', '{}', null, null, null, null, null, null, null)");

        await using var migrated = Host();
        using var started = migrated.ClientFor(TestClients.AllRights);
        Assert.That(await Figures(), Is.EqualTo(new[]
        {
            "capacity-010000024-lieu-reanimation 3 20 2 2 4 4 2026-03-02 07:00:00+00",
            "capacity-010000024-lieu-usinv       ",
        }));

        await Sql.Execute(Database, "insert into ror.mt_doc_lieuavailability (id, data, available) values ('capacity-010000024-lieu-usic', '{}', 1)");
        await migrated.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Assert.That(await Figures(), Has.Count.EqualTo(2), "copied once, when the table was created");
    }

    private Task<List<string>> Figures() => Sql.Rows(Database,
        $"select concat_ws(' ', id, coalesce(available::text, ''), coalesce(installed::text, ''), coalesce(closed::text, ''), coalesce(closed_reactivable::text, ''), " +
        $"coalesce(supplementary::text, ''), coalesce(forecast_next_day::text, ''), coalesce(last_source_date::text, '')) from {AvailabilityFiguresTable.QualifiedName("ror")} order by id",
        r => r.GetString(0));
}
