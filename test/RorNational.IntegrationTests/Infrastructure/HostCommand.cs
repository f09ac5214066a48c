using System.Diagnostics;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// A command of the host (<c>dotnet RorNational.Host.dll rebuild-publication</c>, <c>open-data</c>)
/// run as an operator runs it: its own process, on the database given, killed if it has not ended in time.
/// </summary>
public static class HostCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, string command, params string[] arguments)
    {
        var directory = HostProcess.HostBinaries();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "RorNational.Host.dll"));
        start.ArgumentList.Add(command);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__RorNational"] = connectionString;
        start.Environment["Access__ClientsFile"] = Path.Combine(TestPostgres.RepositoryRoot(), "samples", "clients.json");
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{command} still running after {Timeout.TotalMinutes} min:\n{await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
