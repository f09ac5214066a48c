using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Capacity.Publishing;
using RorNational.IntegrationTests.Search;

namespace RorNational.IntegrationTests.Export;

/// <summary>
/// The search suites' data (the samples' offer, and a psychiatry department with a sensitive
/// unit), with capacity on a lieu of the sample hospital, exported by the tests. Files of at
/// most <see cref="ResourcesPerFile"/> resources, so that types are split over several; the
/// export limits raised, so that the tests' polls are never throttled.
/// </summary>
public abstract class ExportFixture : SearchFixture
{
    public const int ResourcesPerFile = 10;

    /// <summary>The lieu of the sample hospital whose capacity the tests change.</summary>
    protected SupplyZone Zone { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Export:ResourcesPerFile"] = ResourcesPerFile.ToString(),
        ["Limits:Defaults:Export:Permits"] = "100000",
        ["Limits:Defaults:Export:Burst"] = "100000",
        ["Limits:Defaults:Export:Concurrent"] = "64",
    };

    protected override async Task LoadMoreData()
    {
        await using (var session = App.Store.QuerySession())
            Zone = await session.Query<SupplyZone>().Where(z => !z.Retired && !z.EGClosed && z.EGFiness == "010000024").OrderBy(z => z.Id).FirstAsync();
        await App.Store.AppendCapacity(Zone.EGFiness, Zone.LieuId, CapacityAppends.Added(CapacityAppends.Indicator("02", 4)));
    }
}
