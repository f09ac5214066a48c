using System.Diagnostics;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>Runs a script of the repository (samples/load...) as a newcomer would, with bash.</summary>
public static class Scripts
{
    public static Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments) =>
        RunAsync(script, arguments, new Dictionary<string, string>());

    public static Task<(int ExitCode, string Output)> RunAsync(
        string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        RunProgramAsync("bash", [Path.Combine(TestPostgres.RepositoryRoot(), script), .. arguments], environment);

    /// <summary>Any program, with these arguments and these variables added to the environment; its output and errors together.</summary>
    public static async Task<(int ExitCode, string Output)> RunProgramAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The clients of samples/clients.json that samples/load pushes capacity as (samples/capacity/*.txt).</summary>
    public static readonly string[] SampleSuppliers = ["supplier-ch-fleyriat", "supplier-ehpad", "supplier-hub-corse"];

    /// <summary>
    /// samples/load against a host on a loopback port, calling with this token as build/run does,
    /// and with each sample supplier's own token (signed with the development key, as build/token does);
    /// without <paramref name="capacity"/>, the offer only (samples/load --no-capacity).
    /// </summary>
    public static Task<(int ExitCode, string Output)> LoadSamplesAsync(HttpClient client, string token, bool capacity = true)
    {
        var environment = new Dictionary<string, string> { ["RORNATIONAL_TOKEN"] = token };
        foreach (var supplier in SampleSuppliers)
            environment[$"RORNATIONAL_TOKEN_{supplier.ToUpperInvariant().Replace('-', '_')}"] =
                new Security.ForgedToken { ClientId = supplier, Lifetime = TimeSpan.FromMinutes(30) }.Sign();
        string[] arguments = capacity ? [client.BaseAddress!.ToString().TrimEnd('/')] : [client.BaseAddress!.ToString().TrimEnd('/'), "--no-capacity"];
        return RunAsync("samples/load", arguments, environment);
    }
}
