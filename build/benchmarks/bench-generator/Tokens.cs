using System.Diagnostics;

namespace BenchGenerator;

/// <summary>
/// Bearer tokens of the clients of build/benchmarks/bench-clients.json: from the environment
/// (RORNATIONAL_TOKEN_BENCH_LOADER, RORNATIONAL_TOKEN_BENCH_SUPPLIER_01...), else minted by
/// <c>build/token &lt;client&gt; --no-build</c> with that clients file (the host's Release build,
/// which build/bench and build/run make, signs them with the development key).
/// </summary>
public static class Tokens
{
    public static async Task<string> ForAsync(string clientId, CancellationToken cancellation)
    {
        var variable = "RORNATIONAL_TOKEN_" + clientId.ToUpperInvariant().Replace('-', '_');
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return given;
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "build", "token"));
        start.ArgumentList.Add(clientId);
        start.ArgumentList.Add("--lifetime");
        start.ArgumentList.Add("1440");
        start.ArgumentList.Add("--no-build");
        start.Environment["Access__ClientsFile"] = Path.Combine(root, "build", "benchmarks", "bench-clients.json");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        var token = (await output).Trim();
        if (process.ExitCode != 0 || token.Length == 0)
            throw new InvalidOperationException($"build/token {clientId} failed ({process.ExitCode}): {await error} " +
                $"(build the host first: dotnet build src/RorNational.Host -c Release, or set {variable})");
        return token;
    }

    /// <summary>The repository holding this program: the first folder above it (or above the working directory) with build/token.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "build", "token"))) return folder.FullName;
        throw new InvalidOperationException("no build/token above this program or the working directory: run it from the repository");
    }
}
