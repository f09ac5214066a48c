using RorNational.Fhir.Availability.Synthesis;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>
/// Each profile reads the synthesis as it reads capacity on /fhir: P1 everything, P2 all but
/// supplementary beds and sensitive units, P5 installed beds only, P3 no figure of a sanitary
/// unit, P4 no phone, P0 the structure (units, establishments, cells) without any figure.
/// </summary>
public sealed class reading_by_profile : AvailabilityFixture
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    private HttpClient As(string profile)
    {
        if (!_clients.TryGetValue(profile, out var client)) _clients[profile] = client = App.ClientFor("test-consumer-" + profile);
        return client;
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        foreach (var client in _clients.Values) client.Dispose();
    }

    private static readonly AvailabilityFigure[] All = Enum.GetValues<AvailabilityFigure>();

    [Test]
    public async Task P1_reads_every_figure_and_unit()
    {
        var grid = await Grid("", As("crisis"));

        Assert.That(grid.Scope.Figures, Is.EqualTo(All));
        Assert.That(grid.Totals.All.Units + grid.Totals.All.Stale.Units, Is.EqualTo(11));
        Assert.That((await UnitOf(SensitiveLyon, As("crisis"))).Figures.Available, Is.EqualTo(1));
    }

    [Test]
    public async Task P2_reads_all_but_supplementary_beds_and_does_not_see_sensitive_units()
    {
        var grid = await Grid("", As("professional"));
        var units = (await Units("", As("professional"))).Units;

        Assert.That(grid.Scope.Profile, Is.EqualTo("P2"));
        Assert.That(grid.Scope.Figures, Is.EqualTo(All.Where(f => f != AvailabilityFigure.Supplementary)));
        Assert.That(units.Select(u => u.UnitId), Does.Not.Contain(SensitiveLyon), "not listed");
        Assert.That(grid.Totals.All.Units, Is.EqualTo(7), "nor counted");
        Assert.That(grid.Totals.All.Figures, Is.EqualTo(new AvailabilityFigures(12, 80, 4, 2, null, 7)));
        Assert.That(grid.Cells.Select(c => c.Regroupement), Does.Not.Contain("autres-soins-intensifs"));
        Assert.That(units.Single(u => u.UnitId == ReaBourg).Figures, Is.EqualTo(new AvailabilityFigures(3, 20, 2, 2, null, 4)));
        Assert.That(units.Single(u => u.UnitId == ReaBourg).Phone, Is.EqualTo("0474454210"), "level 2");
        Assert.That(units.Single(u => u.UnitId == PediatricLyon).Phone, Is.Not.EqualTo("0472110000"), "its UO's phone is level 3");
    }

    [Test]
    public async Task P5_reads_installed_beds_only()
    {
        var grid = await Grid("", As("installed-capacity"));

        Assert.That(grid.Scope.Figures, Is.EqualTo(new[] { AvailabilityFigure.Installed }));
        Assert.That(grid.Totals.All.Figures, Is.EqualTo(new AvailabilityFigures(null, 80, null, null, null, null)));
        Assert.That(grid.Totals.All.Stale.Figures, Is.EqualTo(new AvailabilityFigures(null, 18, null, null, null, null)));
    }

    [Test]
    public async Task P3_reads_no_figure_of_a_sanitary_unit()
    {
        var grid = await Grid("", As("medico-social"));
        var units = (await Units("", As("medico-social"))).Units;

        Assert.That(grid.Scope.Figures, Is.Empty);
        Assert.That(grid.Totals.All.Figures, Is.EqualTo(AvailabilityFigures.None));
        Assert.That(units, Has.Count.EqualTo(10));
        Assert.That(units.Select(u => u.Figures), Has.All.EqualTo(AvailabilityFigures.None));
        Assert.That(units.Select(u => (u.LastUpdate, u.AgeHours, u.Stale)), Has.All.EqualTo(((DateTimeOffset?)null, (double?)null, false)),
            "the date of a capacity it may not read is capacity data too");
        Assert.That((grid.Totals.All.Units, grid.Totals.All.Stale.Units), Is.EqualTo((10, 0)));
    }

    [Test]
    public async Task P4_reads_every_figure_but_no_phone()
    {
        var units = (await Units("", As("no-contacts"))).Units;

        Assert.That(units, Has.Count.EqualTo(11), "sensitive units included");
        Assert.That(units.Select(u => u.Phone), Has.All.Null);
        Assert.That(units.Single(u => u.UnitId == ReaBourg).Figures.Supplementary, Is.EqualTo(4));
    }

    [Test]
    public async Task P0_reads_the_structure_without_any_figure()
    {
        var grid = await Grid("", As("public"));
        var units = (await Units("", As("public"))).Units;

        Assert.That(grid.Scope.Profile, Is.EqualTo("P0"));
        Assert.That(grid.Scope.Figures, Is.Empty);
        Assert.That(grid.Cells.Select(c => (c.Departement, c.Regroupement)), Does.Contain(("2A", "usic")).And.Not.Contain(("69", "autres-soins-intensifs")));
        Assert.That(grid.Cells.Select(c => c.Count.Figures).Concat(grid.Cells.Select(c => c.Count.Stale.Figures)), Has.All.EqualTo(AvailabilityFigures.None));
        Assert.That(grid.Totals.All.Figures, Is.EqualTo(AvailabilityFigures.None));
        Assert.That(units.Select(u => u.UnitId).ToList(), Has.Count.EqualTo(10).And.Not.Contains(SensitiveLyon));
        Assert.That(units.Select(u => u.Figures), Has.All.EqualTo(AvailabilityFigures.None));
        Assert.That(units.Select(u => u.LastUpdate), Has.All.Null, "no capacityUpdateDate");
        Assert.That((grid.Totals.All.Units, grid.Totals.All.Stale.Units), Is.EqualTo((10, 0)), "counted, not told fresh or stale");
        var rea = units.Single(u => u.UnitId == ReaBourg);
        Assert.That((rea.Name, rea.EGFiness), Is.EqualTo(("Réanimation polyvalente, bâtiment B, 1er étage", "010000024")), "public data");
        Assert.That(rea.Phone, Is.Not.EqualTo("0474454210"), "a level-2 phone");
    }

    [Test]
    public async Task a_caller_without_a_token_is_refused_as_on_fhir_when_anonymous_access_is_off()
    {
        using var anonymous = App.AnonymousClient();

        var response = await anonymous.GetAsync("/api/availability");

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task a_supplier_client_reads_with_its_consumer_profile()
    {
        using var supplier = App.ClientFor(TestClients.Supplier);

        var grid = await Grid("", supplier);

        Assert.That(grid.Scope.Profile, Is.EqualTo("P1"), "test-supplier reads with the crisis profile");
    }
}

/// <summary>Where Access:AnonymousProfile is set, callers without a token read the synthesis with it, as they read /fhir.</summary>
public sealed class reading_anonymously : AvailabilityFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Access:AnonymousProfile"] = "public" };

    [Test]
    public async Task an_anonymous_caller_reads_with_the_anonymous_profile()
    {
        using var anonymous = App.AnonymousClient();

        var grid = await Grid("?region=94", anonymous);
        var units = await Units("?region=94", anonymous);

        Assert.That(grid.Scope.Profile, Is.EqualTo("P0"));
        Assert.That(grid.Totals.All.Figures, Is.EqualTo(AvailabilityFigures.None));
        Assert.That(units.Units.Select(u => u.UnitId), Is.EquivalentTo(new[] { ReaAjaccio, UsicAjaccio, ReaBastia, UsinvBastia }));
    }
}
