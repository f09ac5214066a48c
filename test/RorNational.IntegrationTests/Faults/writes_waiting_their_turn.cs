using System.Diagnostics;
using System.Net;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// A node applies a bounded number of writes at once (here 1, with 1 waiting), so that a crisis's
/// writes cannot take the cores from the searches: while the one write place is held (a write
/// stuck on a locked event table), reads and searches are served at once, a second write waits
/// its turn and is refused 503 past <c>Server:WriteWait</c>, a third is refused at once, and
/// neither refused write is applied.
/// </summary>
[Category("Faults")]
public sealed class writes_waiting_their_turn : ApiFixture
{
    private const string EventTable = "ror.mt_events";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Server:RequestTimeout"] = "00:00:20",
        ["Server:MaxConcurrentWrites"] = "1",
        ["Server:MaxConcurrentWritesUnread"] = "1",
        ["Server:WriteQueue"] = "1",
        ["Server:WriteWait"] = "00:00:02",
    };

    [Test]
    public async Task reads_pass_the_writes_in_wait_and_the_writes_beyond_are_refused_unapplied()
    {
        await Client.RegisterWithRetries(Requests.Registration());

        Task<HttpResponseMessage> holding, waiting;
        HttpResponseMessage refusedAtOnce, read, search;
        TimeSpan refusedIn, readIn, searchIn;
        await using (await DatabaseLock.Take(ConnectionString, EventTable))
        {
            holding = Client.Register(Requests.Registration(ejFiness: "010008415", egFiness: "010000032", egName: "HOLDING"));
            await Task.Delay(500);
            waiting = Client.Register(Requests.Registration(ejFiness: "010008423", egFiness: "010000040", egName: "WAITING"));
            await Task.Delay(200);

            var clock = Stopwatch.StartNew();
            refusedAtOnce = await Client.Register(Requests.Registration(ejFiness: "010008431", egFiness: "010000057", egName: "REFUSED"));
            refusedIn = clock.Elapsed;
            clock.Restart();
            read = await Client.GetAsync("/fhir/Organization/eg-010000024");
            readIn = clock.Elapsed;
            clock.Restart();
            search = await Client.PostAsync("/fhir/Organization/_search", new FormUrlEncodedContent([new("identifier", "010000024")]));
            searchIn = clock.Elapsed;

            var waited = await waiting;
            var waitedBody = await waited.Content.ReadAsStringAsync();
            var refusedBody = await refusedAtOnce.Content.ReadAsStringAsync();
            TestContext.Out.WriteLine($"refused at once in {refusedIn.TotalMilliseconds:F0} ms; read in {readIn.TotalMilliseconds:F0} ms; search in {searchIn.TotalMilliseconds:F0} ms");
            Assert.Multiple(() =>
            {
                Assert.That(refusedAtOnce.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), refusedBody);
                Assert.That(refusedAtOnce.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
                Assert.That(TransientRefusal.DiagnosticsOf(refusedBody), Does.StartWith("this server applies 1 write at once and has 1 write waiting already; nothing was applied"));
                Assert.That(refusedIn, Is.LessThan(TimeSpan.FromSeconds(1)));
                Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(readIn, Is.LessThan(TimeSpan.FromSeconds(1)), "a read does not wait behind the writes");
                Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(searchIn, Is.LessThan(TimeSpan.FromSeconds(1)), "a search sent by POST is not a write");
                Assert.That(waited.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), waitedBody);
                Assert.That(TransientRefusal.DiagnosticsOf(waitedBody), Does.StartWith("this server applies 1 write at once and this one could not start within 2 s; nothing was applied"));
                Assert.That(holding.IsCompleted, Is.False, "the first write still holds its place, waiting on the database");
            });
        }

        var held = await holding;
        Assert.That(held.IsSuccessStatusCode, Is.True, await held.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000032")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000040")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the write refused after waiting was not applied");
            Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000057")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the write refused at once was not applied");
        });
        var again = await Client.Register(Requests.Registration(ejFiness: "010008423", egFiness: "010000040", egName: "WAITING"));
        Assert.That(again.IsSuccessStatusCode, Is.True, "once the place is free, the refused write is taken: " + await again.Content.ReadAsStringAsync());
    }
}
