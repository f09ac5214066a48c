using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RorNational.Fhir.Access;
using RorNational.Fhir.Reading.History;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Capacity.Publishing;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.History;

/// <summary>
/// History pages follow a keyset (the last version served), not an offset: versions written
/// between two page requests neither repeat nor push a version out of the pages; and the
/// queries run on the versions' indexes.
/// </summary>
public sealed class paging_history_while_writing : ApiFixture
{
    private HospitalChanges _hospital = null!;
    private int _edits = 30;

    [SetUp]
    public async Task GivenADayOfChanges()
    {
        _hospital = new HospitalChanges(new ApiFixtureAccess(Client, App.Store));
        await _hospital.Run();
    }

    /// <summary>A new version of the UO, and of the lieu through its capacity.</summary>
    private async Task Write(int page)
    {
        await _hospital.EditUO(_edits++);
        await App.Store.AppendCapacity(CapacityAppends.Replaced(CapacityAppends.Indicator("02", page + 3)));
    }

    [TestCase("/fhir/_history", 7)]
    [TestCase("/fhir/HealthcareService/_history", 1)]
    [TestCase("/fhir/Location/_history", 1)]
    public async Task each_version_is_listed_once_when_versions_are_written_between_pages(string history, int count)
    {
        var before = (await Client.Bundle(history + "?_count=1000")).Keys();
        Assert.That(before.Count, Is.GreaterThanOrEqualTo(2));

        var paged = await Client.AllPages(history + $"?_count={count}", Write);

        Assert.That(paged, Is.Unique, "no version twice");
        Assert.That(paged, Is.SupersetOf(before), "no version skipped");
        var after = (await Client.Bundle(history + "?_count=1000")).Keys();
        Assert.That(after.Count, Is.GreaterThan(before.Count), "versions were written meanwhile");
        Assert.That(paged, Is.SubsetOf(after));
    }

    [Test]
    public async Task one_resource_s_history_is_paged_by_version_while_it_changes()
    {
        var history = $"/fhir/HealthcareService/{_hospital.UO}/_history";
        var paged = await Client.AllPages(history + "?_count=1", Write);
        Assert.That(paged.Select(k => int.Parse(k[(k.LastIndexOf('/') + 1)..])), Is.EqualTo(new[] { 3, 2, 1 }),
            "the versions as they were when the first page was read, each once");
    }

    [Test]
    public async Task history_pages_read_the_versions_indexes()
    {
        await PlantVersions(3000);
        var table = new VersionTable(App.Store);
        var profiles = App.Services.GetRequiredService<AccessProfiles>();
        var after = new HistoryCursor(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), "Location", "planted-0500", 3);

        var system = await Explain(new HistoryQuery(table, Request(HistoryScope.System, after), profiles.Of("crisis")).Page());
        Assert.That(system, Does.Contain("fhir_resource_version_system_order"), system);
        Assert.That(system, Does.Not.Contain("Sort"), system);

        var type = await Explain(new HistoryQuery(table, Request(HistoryScope.OfType("Location"), after), profiles.Of("public")).Page());
        Assert.That(type, Does.Contain("Index Scan Backward using fhir_resource_version_"), type);
        Assert.That(type, Does.Not.Contain("Seq Scan").And.Not.Contain("Sort"), type);

        var rare = await Explain(new HistoryQuery(table, Request(HistoryScope.OfType("Practitioner"), null), profiles.Of("crisis")).Page());
        Assert.That(rare, Does.Contain("fhir_resource_version_type_order"), rare);
        Assert.That(rare, Does.Not.Contain("Seq Scan"), rare + "\n(30 rows: the planner may sort them)");

        var instance = await Explain(new HistoryQuery(table, Request(HistoryScope.OfResource("Location", "planted-0500"), null) with
        {
            At = [AtParameter.Parse("2026-01-01T12:00:00Z")],
        }, profiles.Of("crisis")).Page());
        Assert.That(instance, Does.Not.Contain("Seq Scan"), instance);
    }

    private static HistoryRequest Request(HistoryScope scope, HistoryCursor? after) =>
        new(scope, 50, null, [], scope.IsInstance ? null : after, null);

    /// <summary>Versions of many resources written straight to the table, then statistics gathered.</summary>
    private async Task PlantVersions(int count)
    {
        await using (var session = App.Store.LightweightSession())
        {
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var versions = new List<FhirResourceVersion>();
            for (var i = 0; i < count; i++)
            {
                // Few professionals among many units: a type's own index pays off for such a type.
                var type = i % 100 == 99 ? "Practitioner" : (i % 3) switch { 0 => "Location", 1 => "HealthcareService", _ => "Organization" };
                var id = $"planted-{i / 5:0000}";
                var version = i % 5 + 1;
                versions.Add(new FhirResourceVersion
                {
                    ResourceType = type, ResourceId = id, Version = version,
                    LastUpdated = start.AddMinutes(i), Json = $"{{\"resourceType\":\"{type}\",\"id\":\"{id}\"}}",
                    ClassSets = [DataClass.OutsideMedicoSocial],
                });
            }
            ResourceVersionRows.Insert(session, versions);
            await session.SaveChangesAsync();
        }
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand($"analyze {new VersionTable(App.Store).Name}", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private async Task<string> Explain(RorNational.Fhir.Search.Querying.SqlQuery query)
    {
        query.Text.Insert(0, "explain ");
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = query.ToCommand(connection, null);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }
}
