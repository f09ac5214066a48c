using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// The clients file is watched: removing a client refuses its tokens from then on, without a
/// restart; a changed file that no longer passes the checks is logged and the previous list kept.
/// </summary>
public sealed class following_the_clients_file : ApiFixture
{
    private const string Path = "/api/establishments/eg-010000024";
    private readonly string _file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rornational-clients-{Guid.NewGuid():N}.json");
    private readonly Messages _log = new();

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            File.Copy(TestClients.File, _file, overwrite: true);
            return new Dictionary<string, string?> { ["Access:ClientsFile"] = _file };
        }
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(_log);

    [Test]
    public async Task a_client_removed_from_the_file_is_refused_from_then_on_and_a_broken_file_changes_nothing()
    {
        var editor = App.ClientFor(TestClients.Editor);
        Assert.That((await editor.GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        await WriteClients(clients => clients.Add(new JsonObject { ["Id"] = TestClients.AllRights, ["Profile"] = "public" }));
        await Until(() => Task.FromResult(_log.Contains("The registered clients were not reloaded")));
        Assert.That((await editor.GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the previous list stays");

        await WriteClients(clients => clients.Remove(clients.Single(c => c!["Id"]!.GetValue<string>() == TestClients.Editor)));
        await Until(async () => (await editor.GetAsync(Path)).StatusCode == HttpStatusCode.Unauthorized);
        await Refusals.AssertTokenRefused(await editor.GetAsync(Path), "the token's client is not registered");
        Assert.That((await App.ClientFor(TestClients.Auditor).GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private Task WriteClients(Action<JsonArray> change) => TestClients.WriteChanged(_file, change);

    private static async Task Until(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100 && !await condition(); attempt++) await Task.Delay(200);
        Assert.That(await condition(), Is.True, "not within 20 s");
    }

    [OneTimeTearDown]
    public void RemoveFile() => File.Delete(_file);

    private sealed class Messages : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public bool Contains(string text) => _messages.Any(m => m.Contains(text, StringComparison.Ordinal));
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) _messages.Enqueue(formatter(state, exception));
        }

        public void Dispose()
        {
        }
    }
}
