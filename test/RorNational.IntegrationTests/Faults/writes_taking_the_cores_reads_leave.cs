using System.Diagnostics;
using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// A node applies more writes at once while it serves no read (here 2) than while it serves
/// one (here 1): with nobody reading, a second write starts beside the first; while a read is
/// being served, a second write finds no place (here refused at once: no queue), and gets one
/// once the read is answered. Writes are held on a locked event table, the read on a locked
/// document table, so that both are in flight while the next request comes.
/// </summary>
[Category("Faults")]
public sealed class writes_taking_the_cores_reads_leave : ApiFixture
{
    private const string Refusal = "this server applies 2 writes at once (1 while it serves reads) and has 0 writes waiting already; nothing was applied";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Server:RequestTimeout"] = "00:00:20",
        ["Server:MaxConcurrentWrites"] = "1",
        ["Server:MaxConcurrentWritesUnread"] = "2",
        ["Server:WriteQueue"] = "0",
    };

    [Test]
    public async Task two_writes_run_at_once_while_nobody_reads()
    {
        await Client.RegisterWithRetries(Requests.Registration());

        Task<HttpResponseMessage> first, second;
        HttpResponseMessage third;
        TimeSpan thirdIn;
        await using (await DatabaseLock.Take(ConnectionString, "ror.mt_events"))
        {
            first = Client.Register(Requests.Registration(ejFiness: "010008415", egFiness: "010000032", egName: "FIRST"));
            await Task.Delay(500);
            second = Client.Register(Requests.Registration(ejFiness: "010008423", egFiness: "010000040", egName: "SECOND"));
            await Task.Delay(500);
            var clock = Stopwatch.StartNew();
            third = await Client.Register(Requests.Registration(ejFiness: "010008431", egFiness: "010000057", egName: "THIRD"));
            thirdIn = clock.Elapsed;
            Assert.Multiple(async () =>
            {
                Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(TransientRefusal.DiagnosticsOf(await third.Content.ReadAsStringAsync()), Does.StartWith(Refusal));
                Assert.That(thirdIn, Is.LessThan(TimeSpan.FromSeconds(1)), "refused at once: both places are taken");
                Assert.That(first.IsCompleted || second.IsCompleted, Is.False, "both writes hold a place, waiting on the database");
            });
        }

        foreach (var write in new[] { await first, await second })
            Assert.That(write.IsSuccessStatusCode, Is.True, await write.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000032")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000040")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000057")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the refused write was not applied");
        });
    }

    [Test]
    public async Task one_write_runs_while_a_read_is_served_and_the_next_gets_its_place_once_the_read_is_answered()
    {
        await Client.RegisterWithRetries(Requests.Registration());

        Task<HttpResponseMessage> read, writing;
        HttpResponseMessage refused;
        await using (await DatabaseLock.Take(ConnectionString, "ror.mt_doc_organizationdocument"))
        {
            read = Client.GetAsync("/fhir/Organization/eg-010000024");
            await Task.Delay(500);
            writing = Client.Register(Requests.Registration(ejFiness: "130786049", egFiness: "130783236", egName: "WRITING"));
            await Task.Delay(500);
            var clock = Stopwatch.StartNew();
            refused = await Client.Register(Requests.Registration(ejFiness: "350000030", egFiness: "350002812", egName: "REFUSED"));
            var refusedIn = clock.Elapsed;
            Assert.Multiple(async () =>
            {
                Assert.That(read.IsCompleted, Is.False, "the read is still being served, waiting on the database");
                Assert.That(writing.IsCompleted, Is.False, "the first write holds the one place kept while reading");
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(TransientRefusal.DiagnosticsOf(await refused.Content.ReadAsStringAsync()), Does.StartWith(Refusal));
                Assert.That(refusedIn, Is.LessThan(TimeSpan.FromSeconds(1)));
            });
        }

        Assert.That((await read).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var written = await writing;
        Assert.That(written.IsSuccessStatusCode, Is.True, await written.Content.ReadAsStringAsync());
        Assert.That((await Client.GetAsync("/fhir/Organization/eg-350002812")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the refused write was not applied");

        var again = await Client.Register(Requests.Registration(ejFiness: "350000030", egFiness: "350002812", egName: "REFUSED"));
        Assert.That(again.IsSuccessStatusCode, Is.True, "once the read is answered, the refused write is taken: " + await again.Content.ReadAsStringAsync());
    }
}
