using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// The built host as its own process (as build/run starts it): the development key, whose
/// secret is public, is accepted only in Development on loopback; "Testing" outside a test
/// runner, or Development on every interface, does not start.
/// </summary>
public sealed class the_development_key_in_a_real_process
{
    private string _database = "";

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestPostgres.CreateDatabase(nameof(the_development_key_in_a_real_process));

    [OneTimeTearDown]
    public async Task DropDatabase() => await TestPostgres.DropDatabase(_database);

    [Test, CancelAfter(120_000)]
    public async Task in_development_on_loopback_it_checks_tokens()
    {
        await using var host = await HostProcess.StartAsync(_database);

        var response = await host.Client(new ForgedToken { ClientId = "auditor" }.Sign()).GetAsync("/api/establishments/eg-010000024");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "past the authentication: the EG is unknown");
    }

    [TestCase("Production", "http://127.0.0.1:0", "no signing key is configured")]
    [TestCase("Testing", "http://127.0.0.1:0", "no signing key is configured")]
    [TestCase("Development", "http://0.0.0.0:0", "the development key is refused on a host bound to http://0.0.0.0:0")]
    [CancelAfter(120_000)]
    public void elsewhere_the_process_does_not_start(string environment, string urls, string reason)
    {
        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(_database,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment, ["DOTNET_ENVIRONMENT"] = environment, ["ASPNETCORE_URLS"] = urls }));

        Assert.That(failure!.Message, Does.Contain("the host stopped during start-up").And.Contain(reason));
    }
}
