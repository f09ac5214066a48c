using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// <c>RorNational.Host token &lt;clientId&gt;</c> run as a process, as build/token runs it: it
/// prints only a token, which the server accepts, and starts neither a server nor needs a database.
/// </summary>
public sealed class the_token_command : ApiFixture
{
    protected override void ConfigureServices(IServiceCollection services) => CallerProbe.AddTo(services);

    [Test]
    public async Task prints_only_a_token_of_the_given_lifetime_that_the_server_accepts()
    {
        var (exitCode, output, errors) = await RunHost("token", TestClients.Editor, "--lifetime", "5");

        Assert.That((exitCode, errors), Is.EqualTo((0, "")));
        var token = output.TrimEnd('\n');
        Assert.That(token, Does.Not.Contain('\n').And.Not.Contain(' '));
        var jwt = new JsonWebToken(token);
        Assert.That(jwt.ValidTo - jwt.IssuedAt, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(jwt.GetClaim("client_id").Value, Is.EqualTo(TestClients.Editor));

        var response = await App.ClientWithToken(token).GetAsync("/api/establishments/eg-010000024");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "past the rights of the EG's editor: the EG is unknown");
        Assert.That(CallerProbe.Of(response).Client, Is.EqualTo(TestClients.Editor));
    }

    [Test]
    public async Task refuses_an_unregistered_client()
    {
        var (exitCode, output, errors) = await RunHost("token", "nobody");

        Assert.That((exitCode, output), Is.EqualTo((1, "")));
        Assert.That(errors, Does.Contain("no client 'nobody' is registered"));
    }

    [Test]
    public async Task refuses_a_lifetime_beyond_the_maximum()
    {
        var (exitCode, output, errors) = await RunHost("token", TestClients.Editor, "--lifetime", "1441");

        Assert.That((exitCode, output), Is.EqualTo((1, "")));
        Assert.That(errors, Does.Contain("a token may live at most 1440 minutes (Authentication:MaxTokenLifetimeMinutes)"));
    }

    [Test]
    public async Task refuses_the_development_key_outside_development()
    {
        var (exitCode, output, errors) = await RunHost(["token", TestClients.Editor], "Production");

        Assert.That((exitCode == 0, output), Is.EqualTo((false, "")));
        Assert.That(errors, Does.Contain("no signing key is configured"));
    }

    [TestCase]
    [TestCase("--lifetime", "5")]
    [TestCase(TestClients.Editor, "--lifetime", "-1")]
    [TestCase(TestClients.Editor, "--lifetime")]
    public async Task answers_its_usage_to_wrong_arguments(params string[] arguments)
    {
        var (exitCode, output, errors) = await RunHost(["token", .. arguments]);

        Assert.That((exitCode, output), Is.EqualTo((2, "")));
        Assert.That(errors, Does.StartWith("usage: token <clientId> [--lifetime minutes]"));
    }

    /// <summary>The host beside the tests, in the Development environment (as build/token runs it), with the test clients and no connection string.</summary>
    private static Task<(int ExitCode, string Output, string Errors)> RunHost(params string[] arguments) => RunHost(arguments, "Development");

    private static async Task<(int ExitCode, string Output, string Errors)> RunHost(string[] arguments, string environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RorNational.Host.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Access__ClientsFile"] = TestClients.File;
        start.Environment.Remove("ConnectionStrings__RorNational");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
