using System.Net;
using Microsoft.Playwright;

namespace RorNational.IntegrationTests.Availability.Page;

/// <summary>The page and its files, served by the host itself, without a token, in a real browser.</summary>
[TestFixture]
public sealed class serving_the_page
{
    private PageHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await PageHost.StartAsync(samples: false);

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task the_page_asks_for_a_token_and_loads_nothing_from_elsewhere()
    {
        var page = await _host.Browser.NewPageAsync(_host.Host.BaseAddress);
        var response = await page.GotoAsync(_host.PageUrl.ToString());

        Assert.That(response!.Status, Is.EqualTo(200));
        await Assertions.Expect(page.Locator("#token-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Disponibilité des lits · RorNational");
        await HeadlessChromium.ScreenshotAsync(page, "token-dialog", "the page asks for a token");
        Assert.That(_host.Browser.ExternalRequests, Is.Empty);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task its_files_are_served_without_a_token_and_revalidated()
    {
        using var client = _host.Host.Client();
        foreach (var path in new[] { "/availability", "/availability/page.js", "/availability/availability.css", "/availability/map.json" })
        {
            var first = await client.GetAsync(path);
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(first.Headers.ETag, Is.Not.Null, path);
            var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.That((await client.SendAsync(again)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified), path);
        }
        Assert.That((await client.GetAsync("/availability/nothing.js")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
