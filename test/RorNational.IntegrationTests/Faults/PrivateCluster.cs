using System.Diagnostics;
using Npgsql;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL cluster of a test's own, durable (fsync on), started through build/postgres
/// as build/run starts one, so that the test can stop it, kill its postmaster and start it
/// again without touching the suite's shared cluster. Removed when disposed.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _directory;

    private PrivateCluster(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Server => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PrivateCluster> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rornational-faults-" + Guid.NewGuid().ToString("N")[..12]);
        var output = await TestPostgres.RunPostgresScript("start", directory);
        return new PrivateCluster(directory, PortOf(output));
    }

    public async Task<string> CreateDatabase(string name)
    {
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A clean stop (pg_ctl stop -m fast): sessions are ended, the server shuts down.</summary>
    public Task StopAsync() => TestPostgres.RunPostgresScript("stop", _directory);

    /// <summary>SIGKILL to the postmaster: its children notice and exit; the next start recovers from the WAL.</summary>
    public async Task KillPostmasterAsync()
    {
        var pid = (await File.ReadAllLinesAsync(Path.Combine(_directory, "data", "postmaster.pid")))[0].Trim();
        using var kill = Process.Start("kill", ["-9", pid]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -9 {pid} failed");
    }

    /// <summary>Starts it again on its port; retried while the killed server's children still hold its resources.</summary>
    public async Task StartAgainAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TestPostgres.RunPostgresScript("start", _directory, "--port", Port.ToString());
                return;
            }
            catch (InvalidOperationException) when (attempt < 30)
            {
                await Task.Delay(500);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
    }

    private static int PortOf(string output) =>
        int.Parse(output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("port=", StringComparison.Ordinal))[5..]);
}
