using RorNational.IntegrationTests;

namespace RorNational.HostileInput.Tests;

/// <summary>
/// The integration tests' PostgreSQL (a throw-away cluster through build/postgres, or
/// RORNATIONAL_TEST_POSTGRES): NUnit runs a SetUpFixture only in its own assembly, so this
/// one starts and stops theirs for this assembly.
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    private readonly TestPostgres _postgres = new();

    [OneTimeSetUp]
    public Task Start() => _postgres.Start();

    [OneTimeTearDown]
    public Task Stop() => _postgres.Stop();
}
