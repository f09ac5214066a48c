using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RorNational.HostileInput.Tests.Checking;
using RorNational.HostileInput.Tests.Generators;
using RorNational.HostileInput.Tests.Requests;
using RorNational.IntegrationTests.Search;

namespace RorNational.HostileInput.Tests;

/// <summary>
/// Issue 10's hostile-input suite: at least 1,000 malformed requests over every route of the
/// real host (samples loaded, registered clients), generated from a seed (CsCheck; set
/// RORNATIONAL_HOSTILE_SEED to replay a run). Each must get a 4xx with a FHIR
/// OperationOutcome, in time, and leave the event store and the FHIR documents unchanged.
/// Failures are reported by category with one reproducible example each.
/// </summary>
public sealed class hostile_requests : SearchFixture
{
    private const int RequestsPerRoute = 44;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private Targets _targets = null!;

    private static string Seed => Environment.GetEnvironmentVariable("RORNATIONAL_HOSTILE_SEED") is { Length: > 0 } seed ? seed : HostileRun.DefaultSeed;

    [OneTimeSetUp]
    public async Task PrepareTargets() => _targets = await TargetsSetUp.PrepareAsync(App, Client);

    [Test]
    public void every_route_the_host_serves_has_a_generator()
    {
        var registered = RouteCatalogue.RegisteredRoutes(App.Services.GetRequiredService<EndpointDataSource>());
        var generated = RouteCatalogue.Generators.Select(g => g.Route).ToList();

        Assert.That(registered, Has.Count.GreaterThan(20), "the host's routes were not found");
        Assert.That(registered.Except(generated), Is.Empty, "routes without a hostile-input generator: add one in Generators/");
        Assert.That(generated.Except(registered), Is.Empty, "generators for routes the host no longer serves");
    }

    [Test]
    public async Task malformed_requests_get_a_4xx_operation_outcome_and_change_nothing()
    {
        var seed = Seed;
        TestContext.Progress.WriteLine($"hostile requests: seed {seed} (RORNATIONAL_HOSTILE_SEED replays a run)");
        var requests = HostileRun.Generate(_targets, seed, RequestsPerRoute);
        var report = new FailureReport(seed);
        using var http = App.CreateClient();
        http.Timeout = Timeout.InfiniteTimeSpan;
        var run = new HostileRun(new HostileClient(App, http, RequestTimeout),
            () => StoreSnapshot.TakeAsync(ConnectionString, App.Store.Options.DatabaseSchemaName), report);

        await run.SendAllAsync(requests);

        var details = Path.Combine(TestContext.CurrentContext.WorkDirectory, "hostile-failures.txt");
        await File.WriteAllTextAsync(details, report.Details());
        TestContext.AddTestAttachment(details, "every failure, one per line");
        TestContext.Progress.WriteLine($"hostile requests: {report.Failures.Count} of {report.Sent} failed; all listed in {details}");
        Assert.That(report.Sent, Is.GreaterThanOrEqualTo(1000), "fewer hostile requests than the issue asks for");
        Assert.That(report.Failures, Is.Empty, report.ToString());
    }
}
