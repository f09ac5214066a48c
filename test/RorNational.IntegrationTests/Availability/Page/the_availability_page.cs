using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RorNational.IntegrationTests.Availability.Page;

/// <summary>
/// The page in Debian's headless Chromium against the real host holding the samples (critical
/// care units in Ain, Corse-du-Sud and Haute-Corse, with their capacity): its grid shows the
/// API's figures, a click lists a cell's units, and it follows a supplier's PATCH by itself.
/// </summary>
[TestFixture]
public sealed class the_availability_page
{
    private PageHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await PageHost.StartAsync();
        await _host.WaitForTheHighWaterMarkAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private static string Figure(JsonNode? count) =>
        count?["figures"]?["available"]?.GetValue<int?>() is > 0 and var available ? available.ToString(CultureInfo.InvariantCulture) : "";

    private async Task<IPage> OpenAs(string token, string query = "")
    {
        var page = await _host.Browser.NewPageAsync(_host.Host.BaseAddress);
        await page.GotoAsync(_host.PageUrl + query);
        await page.Locator("#token-input").FillAsync(token);
        await page.Locator("#token-submit").ClickAsync();
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "on");
        await Expect(page.Locator("#grid tbody tr").First).ToBeVisibleAsync();
        return page;
    }

    [Test, CancelAfter(60_000)]
    public async Task shows_the_apis_figures_lists_a_cells_units_and_follows_a_capacity_patch()
    {
        var watch = Stopwatch.StartNew();
        var token = PageHost.TokenFor("samu-69");
        var page = await OpenAs(token);
        var grid = await _host.GetJsonAsync("/api/availability", token);
        var cells = grid["cells"]!.AsArray();
        Assert.That(cells.Select(c => (string)c!["departement"]!).Distinct(), Is.SupersetOf(new[] { "01", "2A", "2B" }), "the samples' départements");

        // The grid: each cell of the API with its figure (empty when 0) and its stale units apart;
        // grey where the API has no cell.
        foreach (var cell in cells)
        {
            var td = page.Locator($"#grid tbody td[data-departement='{cell!["departement"]}'][data-regroupement='{cell["regroupement"]}']");
            await Expect(td.Locator(".figure")).ToHaveTextAsync(Figure(cell["count"]));
            await Expect(td).ToHaveAttributeAsync("data-stale-units", cell["count"]!["stale"]!["units"]!.ToString());
            await Expect(td.Locator(".stale-chip")).ToHaveCountAsync((int)cell["count"]!["stale"]!["units"]! > 0 ? 1 : 0);
        }
        // One row per département and one column per regroupement that has units; the others on demand.
        var rows = cells.Select(c => (string)c!["departement"]!).Distinct().Count();
        var columns = cells.Select(c => (string)c!["regroupement"]!).Distinct().Count();
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(rows);
        await Expect(page.Locator("#grid thead th[data-regroupement]")).ToHaveCountAsync(columns);
        await Expect(page.Locator("#grid tbody td.absent[data-regroupement]")).ToHaveCountAsync(rows * columns - cells.Count);
        await page.Locator("#filter-all-departements").CheckAsync();
        var everything = grid["scope"]!["departements"]!.AsArray().Count * grid["scope"]!["regroupements"]!.AsArray().Count;
        await Expect(page.Locator("#grid tbody td.absent[data-regroupement]")).ToHaveCountAsync(everything - cells.Count);
        await page.Locator("#filter-all-departements").UncheckAsync();
        await Expect(page.Locator("#kpi-available")).ToHaveTextAsync(grid["totals"]!["all"]!["figures"]!["available"]!.ToString());
        await Expect(page.Locator("#kpi-stale")).ToHaveTextAsync(grid["totals"]!["all"]!["stale"]!["units"]!.ToString());

        // The map: the 101 départements, overseas included, coloured where there are units.
        await Expect(page.Locator("#map path[data-departement]")).ToHaveCountAsync(101);
        foreach (var code in new[] { "971", "972", "973", "974", "976" })
            await Expect(page.Locator($"#map path[data-departement='{code}']")).ToHaveAttributeAsync("data-tone", "absent");
        await Expect(page.Locator("#map path[data-departement='01']")).Not.ToHaveAttributeAsync("data-tone", "absent");
        await HeadlessChromium.ScreenshotAsync(page, "grid", "the grid and the map, profile crisis (P1)");

        // A click on a cell lists its units as the API does: establishment, phone, freshness.
        var units = (await _host.GetJsonAsync("/api/availability/units?departement=01&regroupement=rea-adulte", token))["units"]!.AsArray();
        await page.Locator("#grid tbody td[data-departement='01'][data-regroupement='rea-adulte'] button").ClickAsync();
        await Expect(page.Locator("#units li.unit")).ToHaveCountAsync(units.Count);
        foreach (var unit in units)
        {
            var card = page.Locator($"#units li.unit[data-unit='{unit!["unitId"]}']");
            await Expect(card.Locator("h3")).ToHaveTextAsync((string)unit["name"]!);
            await Expect(card.Locator(".establishment")).ToContainTextAsync((string)unit["egName"]!);
            await Expect(card.Locator(".phone")).ToHaveCountAsync(unit["phone"] is null ? 0 : 1);
            await Expect(card.Locator(".freshness")).ToBeVisibleAsync();
        }
        await HeadlessChromium.ScreenshotAsync(page, "units", "the units of a cell (Ain, réanimation adulte)");

        // Live: a supplier's PATCH reaches the open page, with no reload.
        var cell01 = page.Locator("#grid tbody td[data-departement='01'][data-regroupement='rea-adulte'] .figure");
        var before = await cell01.TextContentAsync();
        var patched = Stopwatch.StartNew();
        await _host.PatchAvailableBedsAsync(7);
        // No wait: the figures are written in the PATCH's own transaction.
        var after = Figure((await _host.GetJsonAsync("/api/availability?departement=01&regroupement=rea-adulte", token))["cells"]![0]!["count"]);
        Assert.That(after, Is.Not.EqualTo(before), "the PATCH changed the figure as soon as it was answered");
        await Expect(cell01).ToHaveTextAsync(after, new() { Timeout = 10_000 });
        await Expect(page.Locator("#units li.unit .figures [data-figure='available'] dd").First).ToBeVisibleAsync();
        TestContext.Out.WriteLine($"the page showed the PATCH {patched.ElapsedMilliseconds} ms after it was sent; whole test {watch.ElapsedMilliseconds} ms");
        await HeadlessChromium.ScreenshotAsync(page, "after-patch", "the page after a supplier's PATCH, updated by itself");

        Assert.That(_host.Browser.ExternalRequests, Is.Empty, "the page fetched nothing from elsewhere");
        await page.Context.CloseAsync();
    }

    [Test, CancelAfter(30_000)]
    public async Task the_public_profile_sees_where_units_are_but_no_figure()
    {
        var page = await OpenAs(PageHost.TokenFor("public-portal"));
        var grid = await _host.GetJsonAsync("/api/availability", PageHost.TokenFor("public-portal"));
        Assert.That(grid["scope"]!["figures"]!.AsArray(), Is.Empty);

        await Expect(page.Locator("#profile")).ToHaveTextAsync($"Profil {grid["scope"]!["profile"]}");
        await Expect(page.Locator("#kpi-available")).ToHaveTextAsync("non visible");
        foreach (var cell in grid["cells"]!.AsArray())
        {
            var td = page.Locator($"#grid tbody td[data-departement='{cell!["departement"]}'][data-regroupement='{cell["regroupement"]}']");
            var units = (int)cell["count"]!["units"]! + (int)cell["count"]!["stale"]!["units"]!;
            await Expect(td.Locator(".figure")).ToHaveTextAsync($"{units} u.");
        }
        await Expect(page.Locator("#map path[data-tone='exists']").First).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(page, "public", "the page for the public profile (P0): structure, no figure");
        await page.Context.CloseAsync();
    }

    [Test, CancelAfter(30_000)]
    public async Task units_older_than_the_freshness_filter_are_shown_apart()
    {
        // Every unit was supplied more than 1.8 s ago (0.0005 h): under that freshness, all are stale.
        const string query = "?freshness=0.0005";
        var token = PageHost.TokenFor("samu-69");
        var watch = Stopwatch.StartNew();
        JsonNode grid;
        while ((int)(grid = await _host.GetJsonAsync("/api/availability" + query, token))["totals"]!["all"]!["units"]! > 0)
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "units still fresh under a freshness of 1.8 s");
            await Task.Delay(200);
        }
        var stale = (int)grid["totals"]!["all"]!["stale"]!["units"]!;
        Assert.That(stale, Is.GreaterThan(0));

        var page = await OpenAs(token, query);
        await Expect(page.Locator("#filter-freshness")).ToHaveValueAsync("0.0005");
        await Expect(page.Locator("#kpi-stale")).ToHaveTextAsync(stale.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#kpi-units")).ToHaveTextAsync("0");
        foreach (var cell in grid["cells"]!.AsArray())
        {
            var td = page.Locator($"#grid tbody td[data-departement='{cell!["departement"]}'][data-regroupement='{cell["regroupement"]}']");
            await Expect(td.Locator(".figure")).ToHaveTextAsync("");
            await Expect(td.Locator(".stale-chip")).ToHaveTextAsync($"◷ {cell["count"]!["stale"]!["units"]}");
        }
        await Expect(page.Locator("#map path[data-departement='01']")).ToHaveAttributeAsync("data-tone", "stale-only");

        var units = (await _host.GetJsonAsync("/api/availability/units?departement=2A&freshness=0.0005", token))["units"]!.AsArray();
        await page.Locator("#grid tbody td[data-total-departement='2A'] button").ClickAsync();
        await Expect(page.Locator("#units li.unit.stale")).ToHaveCountAsync(units.Count);
        await Expect(page.Locator("#units h3.apart")).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(page, "stale", "every unit older than the freshness filter, counted apart");
        await page.Context.CloseAsync();
    }

    [Test, CancelAfter(30_000)]
    public async Task asks_for_a_new_token_when_its_token_expires()
    {
        // Not OpenAs: the page may see this token expire before its stream is even open.
        var page = await _host.Browser.NewPageAsync(_host.Host.BaseAddress);
        await page.GotoAsync(_host.PageUrl);
        await page.Locator("#token-input").FillAsync(PageHost.TokenFor("orientation-tool", TimeSpan.FromSeconds(4)));
        await page.Locator("#token-submit").ClickAsync();
        await Expect(page.Locator("#token-dialog")).Not.ToBeVisibleAsync();

        // The server ends the stream at the token's expiry; the page reconnects, is refused (401,
        // though the token is still accepted elsewhere within the clock skew), and asks.
        await Expect(page.Locator("#token-dialog")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#token-error")).ToBeVisibleAsync();
        await page.Locator("#token-input").FillAsync(PageHost.TokenFor("orientation-tool"));
        await page.Locator("#token-submit").ClickAsync();
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "on");
        await page.Context.CloseAsync();
    }
}
