using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Validation;

/// <summary>
/// Validates FHIR resources with the repository's independent validator
/// (build/fhir-validator: Node.js, @medplum/core): against base R4 and against the profiles
/// of fhir-profiles/ that each resource claims in meta.profile. The first use in a test run
/// installs the tool's npm packages (npm ci) when build/fhir-validator/node_modules is
/// missing. Each call is one node process, so validate many resources in one call.
/// </summary>
public sealed class FhirValidator
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    private static readonly JsonSerializerOptions ReportOptions = new(JsonSerializerDefaults.Web);

    public FhirValidator(string? repositoryRoot = null)
    {
        RepositoryRoot = repositoryRoot ?? FindRepositoryRoot();
        ToolDirectory = Path.Combine(RepositoryRoot, "build", "fhir-validator");
    }

    public string RepositoryRoot { get; }

    /// <summary>build/fhir-validator: the node tool, its fixtures and its README.</summary>
    public string ToolDirectory { get; }

    /// <summary>Validates resources given as FHIR JSON (one resource per string).</summary>
    public Task<ValidationReport> ValidateAsync(IEnumerable<string> resourceJsons, CancellationToken cancellationToken = default)
    {
        var array = new JsonArray();
        var index = 0;
        foreach (var json in resourceJsons)
        {
            try
            {
                array.Add(JsonNode.Parse(json));
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"resource #{index} is not JSON: {e.Message}", nameof(resourceJsons), e);
            }
            index++;
        }
        return RunAsync([], array.ToJsonString(), cancellationToken);
    }

    /// <summary>Validates JSON files, each holding a resource, an array of resources or a Bundle.</summary>
    public Task<ValidationReport> ValidateFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default) =>
        RunAsync(paths.Select(Path.GetFullPath).ToArray(), null, cancellationToken);

    private async Task<ValidationReport> RunAsync(IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var start = new ProcessStartInfo(NodeExecutable())
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ToolDirectory, "validate.mjs"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var (exitCode, output, error) = await RunProcessAsync(start, standardInput ?? "", cancellationToken);
        if (exitCode is not (0 or 1))
            throw new InvalidOperationException($"the FHIR validator could not run (exit code {exitCode}): {error.Trim()}");
        return JsonSerializer.Deserialize<ValidationReport>(output, ReportOptions)
               ?? throw new InvalidOperationException($"the FHIR validator printed no report: {error.Trim()}");
    }

    /// <summary>npm ci, once per test run, when the tool's packages are not installed.</summary>
    private async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (_installed) return;
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (_installed) return;
            if (!File.Exists(Path.Combine(ToolDirectory, "node_modules", "@medplum", "core", "package.json")))
            {
                var npm = new ProcessStartInfo(Environment.GetEnvironmentVariable("RORNATIONAL_NPM") ?? "npm")
                {
                    WorkingDirectory = RepositoryRoot,
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var argument in new[] { "ci", "--prefix", "build/fhir-validator", "--prefer-offline", "--no-audit", "--no-fund" })
                    npm.ArgumentList.Add(argument);
                var (exitCode, output, error) = await RunProcessAsync(npm, "", cancellationToken);
                if (exitCode != 0)
                    throw new InvalidOperationException($"npm ci --prefix build/fhir-validator failed ({exitCode}): {error.Trim()} {output.Trim()}");
            }
            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(
        ProcessStartInfo start, string standardInput, CancellationToken cancellationToken)
    {
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{start.FileName} was not found: the FHIR validator needs Node.js (20 or later) and npm on the PATH", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, await output, await error);
        }
    }

    private static string NodeExecutable() => Environment.GetEnvironmentVariable("RORNATIONAL_NODE") ?? "node";

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RorNational.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("RorNational.sln not found above the test binaries");
    }
}
