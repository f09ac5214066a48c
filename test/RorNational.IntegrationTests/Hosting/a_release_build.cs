using System.Net;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.IntegrationTests.Security;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The output of build/release (which build/test makes before the tests) run as production
/// runs it: environment Production, TypeLoadMode Static, no runtime compiler in its folder.
/// It serves a write and a read with the code generated at build time; the solution's own
/// build, which carries no generated code, cannot serve them in Static mode. Its launcher,
/// rornational-host, starts it with the runtime settings of build/host-runtime.sh.
/// </summary>
public sealed class a_release_build
{
    private const string Issuer = "https://auth.rornational.example";
    private const string Audience = "rornational-api";
    private const string KeyId = "release-test";

    private readonly (Microsoft.IdentityModel.Tokens.SymmetricSecurityKey Key, string Base64) _secret = ForgedToken.NewSecret(KeyId);
    private string _database = "";

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestPostgres.CreateDatabase(nameof(a_release_build));

    [OneTimeTearDown]
    public async Task DropDatabase() => await TestPostgres.DropDatabase(_database);

    [Test, CancelAfter(120_000)]
    public async Task starts_in_production_with_its_pre_generated_code_and_serves_a_write_and_a_read()
    {
        var release = ReleaseOutput();
        Assert.That(Directory.GetFiles(release, "Microsoft.CodeAnalysis*.dll").Concat(Directory.GetFiles(release, "*RuntimeCompil*.dll")), Is.Empty,
            "no runtime compiler ships: nothing can be compiled at run time");

        var settings = ProductionSettings();
        settings["Logging__LogLevel__RorNational.Host.RuntimeSettingsLog"] = "Information";
        await using var host = await HostProcess.StartAsync(_database, settings, release);
        using var admin = host.Client(Token("admin"));

        var written = await admin.Register(Requests.Registration(egFiness: "010000024"));
        var read = await admin.GetAsync("/fhir/Organization/eg-010000024");

        Assert.That(written.StatusCode, Is.EqualTo(HttpStatusCode.Created), await written.Content.ReadAsStringAsync());
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), await read.Content.ReadAsStringAsync());
        Assert.That(host.Output, Does.Not.Contain("code generation mode is Dynamic"));
        Assert.That(host.Output, Does.Contain(RorNational.Host.RuntimeSettingsLog.Message + "server, 200 MB available to the heap"), "the host's runtimeconfig bounds the GC heap");
        Assert.That(host.Output, Does.Contain(RorNational.Host.RuntimeSettingsLog.SpinMessage + "0 (runtimeconfig)"), "the host's runtimeconfig stops the workers' spinning");
        TestContext.Out.WriteLine($"release build, Static: ready {host.TimeToReady.TotalMilliseconds:F0} ms after start");
    }

    [Test, CancelAfter(120_000)]
    public void the_build_without_pre_generated_code_does_not_start_in_static_mode()
    {
        var stopped = Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(_database, ProductionSettings()));

        Assert.That(stopped!.Message, Does.Contain("the host stopped during start-up").And.Contain("MissingPreBuiltTypesException"));
    }

    [Test, CancelAfter(120_000)]
    public async Task its_launcher_starts_the_host_with_the_runtime_settings_and_keeps_a_value_given()
    {
        var release = ReleaseOutput();
        var launcher = Path.Combine(release, "rornational-host");
        Assert.That(File.Exists(launcher), "build/release writes the launcher beside the host");

        var production = ProductionSettings();
        production["Access__ClientsFile"] = Path.Combine(TestPostgres.RepositoryRoot(), "samples", "clients.json");
        production["Authentication__IssuingKeyId"] = KeyId;
        var (code, output) = await Scripts.RunProgramAsync(launcher, ["token", "admin", "--lifetime", "5"], production);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output.Trim().Split('\n')[^1].Split('.'), Has.Length.EqualTo(3), "the host ran through the launcher and minted a token");

        var settings = Path.Combine(release, "host-runtime.sh");
        string[] echo = ["-c", $". '{settings}'; echo $DOTNET_TC_CallCountingDelayMs"];
        var (_, set) = await Scripts.RunProgramAsync("sh", echo, new Dictionary<string, string> { ["DOTNET_TC_CallCountingDelayMs"] = "" });
        var (_, kept) = await Scripts.RunProgramAsync("sh", echo, new Dictionary<string, string> { ["DOTNET_TC_CallCountingDelayMs"] = "100" });
        Assert.That(set.Trim(), Is.EqualTo("0"));
        Assert.That(kept.Trim(), Is.EqualTo("100"), "a value the environment gives is kept");
    }

    private Dictionary<string, string> ProductionSettings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Database__ApplyChangesOnStartup"] = "true",
        ["Authentication__Issuer"] = Issuer,
        ["Authentication__Audience"] = Audience,
        ["Authentication__SigningKeys__0__KeyId"] = KeyId,
        ["Authentication__SigningKeys__0__Algorithm"] = "HS256",
        ["Authentication__SigningKeys__0__Key"] = _secret.Base64,
    };

    private string Token(string clientId) =>
        new ForgedToken { ClientId = clientId, Issuer = Issuer, Audience = Audience, Key = _secret.Key }.Sign();

    /// <summary>build/release's output; build/test makes it first. Elsewhere the test is skipped, in CI it fails.</summary>
    private static string ReleaseOutput()
    {
        var directory = Environment.GetEnvironmentVariable("RORNATIONAL_RELEASE_HOST") is { Length: > 0 } configured
            ? configured
            : Path.Combine(TestPostgres.RepositoryRoot(), ".local", "release");
        if (File.Exists(Path.Combine(directory, "RorNational.Host.dll"))) return directory;
        var missing = $"{directory} holds no release build: run build/release (build/test does)";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(missing);
        Assert.Ignore(missing);
        return directory;
    }
}
