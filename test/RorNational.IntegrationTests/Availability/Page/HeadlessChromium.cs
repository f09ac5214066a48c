using System.Diagnostics;
using Microsoft.Playwright;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Availability.Page;

/// <summary>
/// Debian's Chromium (installed by build/chromium, which build/test runs), headless, driven by
/// Microsoft.Playwright through its ExecutablePath: Playwright's own browser download cannot
/// work on these machines. The flags keep Chromium off the network it cannot reach (background
/// networking, component updates, sync); Playwright gives it a fresh user-data-dir. Every request
/// that leaves the host under test is refused and recorded in <see cref="ExternalRequests"/>, so a
/// test can check that the page fetches nothing from the internet.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _external = [];

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public IReadOnlyList<string> ExternalRequests
    {
        get { lock (_external) return [.. _external]; }
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = await ExecutableAsync(), Headless = true, Args = Flags, Timeout = 30_000,
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new tab in a fresh context (its own sessionStorage) that may only reach <paramref name="origin"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri origin, int width = 1600, int height = 1100)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "fr-FR", TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(10_000);
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != origin.Authority)
            {
                lock (_external) _external.Add(route.Request.Url);
                await route.AbortAsync("blockedbyclient");
                return;
            }
            await route.ContinueAsync();
        });
        return await context.NewPageAsync();
    }

    /// <summary>A full-page screenshot under .local/test-results/availability-page/, attached to the running test.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, string description)
    {
        var directory = Path.Combine(TestPostgres.RepositoryRoot(), ".local", "test-results", "availability-page");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, description);
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    /// <summary>build/chromium ensure: installs Debian's Chromium when missing, prints its path.</summary>
    private static async Task<string> ExecutableAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestPostgres.RepositoryRoot(), "build", "chromium"));
        start.ArgumentList.Add("ensure");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var path = (await output).Trim().Split('\n').Last();
        return process.ExitCode == 0 && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"build/chromium ensure failed (exit code {process.ExitCode}): {await error}");
    }
}
