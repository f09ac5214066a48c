using System.Diagnostics;
using Npgsql;

namespace RorNational.IntegrationTests;

/// <summary>
/// The PostgreSQL server of this test run. By default a throw-away cluster that the suite
/// starts through build/postgres (the same script as build/run) and removes at the end;
/// set RORNATIONAL_TEST_POSTGRES to a connection string to use an existing server instead.
/// Each fixture gets a database of its own, so fixtures run in parallel. (In the root
/// namespace: an NUnit SetUpFixture covers its namespace and those below.)
/// </summary>
[SetUpFixture]
public sealed class TestPostgres
{
    private static string? _clusterDirectory;
    private static string _serverConnectionString = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        var configured = Environment.GetEnvironmentVariable("RORNATIONAL_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _serverConnectionString = configured;
            return;
        }
        _clusterDirectory = Path.Combine(Path.GetTempPath(), "rornational-tests-" + Guid.NewGuid().ToString("N")[..12]);
        var output = await RunPostgresScript("start", _clusterDirectory, "--ephemeral");
        var port = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("port=", StringComparison.Ordinal))[5..];
        _serverConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_clusterDirectory is null) return;
        await RunPostgresScript("stop", _clusterDirectory);
        Directory.Delete(_clusterDirectory, recursive: true);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabase(string prefix)
    {
        // At most 40 characters, of which always 12 random: two fixtures whose names share their
        // first 40 characters still get databases of their own.
        var name = $"{prefix[..Math.Min(prefix.Length, 27)]}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static async Task<string> RunPostgresScript(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "build", "postgres");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"build/postgres {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RorNational.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("RorNational.sln not found above the test binaries");
    }
}
