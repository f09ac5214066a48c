using System.Text;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Domain.Establishments;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.FinessImports;

namespace RorNational.IntegrationTests.Finess;

/// <summary>
/// A batch is decided and rendered while the one before commits: these extracts make
/// consecutive batches share an EJ (decided on the states the batch before left) and an EG
/// (listed in two batches: rendered only after the first has committed).
/// </summary>
public sealed class importing_an_extract_over_several_batches : ApiFixture
{
    private const int Establishments = 2 * FinessImportJob.BatchSize + 200;

    // From rank 5, the EJ of ranks 500 to 509 straddles the first two batches.
    private static readonly string[] Lines = Encoding.UTF8.GetString(SyntheticExtracts.Etalab(5, Establishments)).TrimEnd('\n').Split('\n');

    [Test]
    public async Task an_ej_split_across_batches_is_registered_once_and_every_eg_once()
    {
        var report = await Client.Import(string.Join('\n', Lines) + "\n");

        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
        Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(Establishments));
        Assert.That(report["batches"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(report["entriesCommitted"]!.GetValue<long>(), Is.EqualTo(Establishments));
        var events = await EventsByType();
        Assert.That(events.GetValueOrDefault(nameof(EJRegistered)), Is.EqualTo((5 + Establishments - 1) / 10 - 5 / 10 + 1));
        Assert.That(events.GetValueOrDefault(nameof(EGRegistered)), Is.EqualTo(Establishments));
        var straddling = await Client.GetAsync($"/fhir/Organization/ej-69{5_000_050:D7}");
        Assert.That(straddling.Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""));
    }

    [Test]
    public async Task an_eg_listed_in_two_consecutive_batches_is_published_with_both_lines_in_order()
    {
        // The establishment of rank 20 (first batch) listed again, renamed, in the second batch.
        var again = Lines[1 + 15].Split(';');
        again[3] = "ETABLISSEMENT 20 RENOMME";
        var lines = Lines.ToList();
        lines.Insert(1 + FinessImportJob.BatchSize + 50, string.Join(';', again));

        var report = await Client.Import(string.Join('\n', lines) + "\n");

        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
        Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(Establishments));
        Assert.That(report["updated"]!.GetValue<int>(), Is.EqualTo(1));
        var read = await Client.GetAsync($"/fhir/Organization/eg-69{1_000_020:D7}");
        Assert.That(read.Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
        Assert.That(FhirJson.Parse<Organization>(await read.Content.ReadAsStringAsync()).Name, Is.EqualTo("ETABLISSEMENT 20 RENOMME"));
        var events = await EventsByType();
        Assert.That(events.GetValueOrDefault(nameof(EGRegistered)), Is.EqualTo(Establishments));
        Assert.That(events.GetValueOrDefault(nameof(EGAdministrativeDataUpdated)), Is.EqualTo(1));
    }

    private async Task<Dictionary<string, int>> EventsByType()
    {
        await using var session = App.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamKey!.StartsWith("e")).ToListAsync();
        return events.GroupBy(e => e.Data.GetType().Name).ToDictionary(g => g.Key, g => g.Count());
    }
}
