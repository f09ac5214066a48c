using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// Every log entry the host under test writes (at the levels its configuration lets through),
/// with its exception: registered as one more logger provider beside the console.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(LogLevel Level, string Category, string Text);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public void AddTo(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

    public void Clear() => _entries.Clear();

    /// <summary>Everything written, messages and exceptions, as one text to search.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Category}: {e.Text}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(logLevel, category, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
    }
}
