using System.Diagnostics;
using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Auditing.Description;

/// <summary>
/// The samples as build/run loads them (samples/load: FINESS import, dossiers, direct edits, the
/// suppliers' capacity): every EG's description now is what is stored, and the sample hospital's is timed.
/// </summary>
public sealed class describing_the_samples : DescriptionFixture
{
    protected override bool ServeOverLoopback => true;
    protected override bool ResetBetweenTests => false;

    [OneTimeSetUp]
    public async Task LoadTheSamples()
    {
        var (exitCode, output) = await Scripts.LoadSamplesAsync(Client, App.TokenFor(DefaultClient));
        Assert.That(exitCode, Is.Zero, output);
    }

    [Test, CancelAfter(600_000)]
    public async Task every_EG_of_the_samples_is_described_as_stored_and_the_sample_hospital_in_milliseconds()
    {
        var at = await Between();
        await using var session = App.Store.QuerySession();
        var egs = (await session.Query<OrganizationDocument>().Where(d => d.Id.StartsWith("eg-")).Select(d => d.Id).ToListAsync()).Order().ToList();
        Assert.That(egs, Has.Count.GreaterThan(10).And.Contains("eg-010000024"));

        foreach (var eg in egs) await AssertDescribedAsStored(eg, at, eg);

        var times = new List<double>();
        Dictionary<string, string> described = [];
        for (var run = 0; run < 5; run++)
        {
            var hospital = Stopwatch.StartNew();
            described = await Description(Client, "eg-010000024", at);
            times.Add(hospital.Elapsed.TotalMilliseconds);
        }
        var auditor = App.ClientFor(TestClients.Auditor);
        var redacted = Stopwatch.StartNew();
        await Description(auditor, "eg-010000024", at);
        TestContext.Out.WriteLine($"$description of the samples' CH de Fleyriat ({described.Count} resources): " +
            $"{string.Join(", ", times.Select(t => t.ToString("0")))} ms (five runs), {redacted.Elapsed.TotalMilliseconds:0} ms redacted for the public profile; " +
            $"{egs.Count} EGs described and compared");
        Assert.That(described.Keys, Has.Some.StartsWith("Location/").And.Some.StartsWith("HealthcareService/"));
    }
}
