namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>
/// A unit is stale when its last capacityUpdateDate is older than the limit (Availability:StaleAfter,
/// 24 h, or the freshness asked when shorter) or when it never supplied: counted apart, never in the fresh totals.
/// </summary>
public sealed class freshness_and_stale_units : AvailabilityFixture
{
    [Test]
    public async Task units_older_than_the_limit_or_never_supplied_are_stale()
    {
        var stale = (await Units()).Units.Where(u => u.Stale).Select(u => u.UnitId);

        Assert.That(stale, Is.EquivalentTo(new[] { UsicBourg, UsinvBourg, UsinvBastia }));
    }

    [Test]
    public async Task a_freshness_filter_counts_apart_the_units_not_updated_within_it()
    {
        var grid = await Grid("?freshness=4");

        Assert.That(grid.Scope.StaleAfterHours, Is.EqualTo(4));
        Assert.That(grid.Scope.Filter.FreshnessHours, Is.EqualTo(4));
        Assert.That(grid.Totals.All.Units, Is.EqualTo(7), "the USIC of Ajaccio, 6 h old, is no longer fresh");
        Assert.That(grid.Totals.All.Stale.Units, Is.EqualTo(4));
        Assert.That(grid.Totals.All.Figures.Available, Is.EqualTo(11));
        Assert.That(grid.Totals.All.Stale.Figures.Available, Is.EqualTo(4));
        var usicAjaccio = (await Units("?freshness=4&departement=2A")).Units.Single(u => u.UnitId == UsicAjaccio);
        Assert.That((usicAjaccio.Stale, usicAjaccio.AgeHours), Is.EqualTo((true, 6.0)));
    }

    [Test]
    public async Task a_freshness_longer_than_the_limit_keeps_the_limit()
    {
        var grid = await Grid("?freshness=72.5");

        Assert.That(grid.Scope.StaleAfterHours, Is.EqualTo(24));
        Assert.That(grid.Totals.All.Stale.Units, Is.EqualTo(3));
    }
}

/// <summary>The limit is configuration: Availability:StaleAfter.</summary>
public sealed class configuring_the_stale_limit : AvailabilityFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Availability:StaleAfter"] = "3.00:00:00" };

    [Test]
    public async Task units_are_stale_past_the_configured_limit()
    {
        var grid = await Grid();

        Assert.That(grid.Scope.StaleAfterHours, Is.EqualTo(72));
        Assert.That((await Units()).Units.Where(u => u.Stale).Select(u => u.UnitId), Is.EqualTo(new[] { UsinvBourg }), "only the unit that never supplied");
    }
}
