using System.Diagnostics;
using System.Net;
using Hl7.Fhir.Model;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// The database is slow (a table locked by another session): a request is cancelled at the
/// request timeout and answered 503 with Retry-After, never left hanging; past the requests the
/// node serves and queues at once (here 4 and 2), the others are refused at once, rather than
/// piling up. Once the database is quick again, the same requests are served.
/// </summary>
[Category("Faults")]
public sealed class answering_while_the_database_is_slow : ApiFixture
{
    private const string OrganizationTable = "ror.mt_doc_organizationdocument";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Server:RequestTimeout"] = "00:00:02",
        ["Server:MaxConcurrentRequests"] = "4",
        ["Server:RequestQueue"] = "2",
    };

    protected override bool ResetBetweenTests => false;

    /// <summary>
    /// One EG, registered once: its first write compiles the code of its handlers (development
    /// mode), which can take longer than this fixture's short timeout on a busy machine.
    /// </summary>
    [OneTimeSetUp]
    public Task RegisterOneEstablishment() => Client.RegisterWithRetries(Requests.Registration());

    [Test]
    public async Task a_request_waiting_on_the_database_is_cancelled_at_the_timeout_with_503()
    {

        HttpResponseMessage response;
        var clock = Stopwatch.StartNew();
        await using (await DatabaseLock.Take(ConnectionString, OrganizationTable))
        {
            response = await Client.GetAsync("/fhir/Organization/eg-010000024");
            clock.Stop();
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(100)).And.LessThan(Timeout * 2.5));
            var outcome = RorNational.Fhir.FhirJson.Parse<OperationOutcome>(body);
            Assert.That(outcome.Issue.Single().Code, Is.EqualTo(OperationOutcome.IssueType.Transient));
            Assert.That(outcome.Issue.Single().Diagnostics, Does.StartWith("the request was not served within 2 s"));
        });
        Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000024")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task requests_beyond_those_served_and_queued_are_refused_at_once()
    {

        List<(HttpStatusCode Status, TimeSpan Took, string Body)> answers;
        var all = Stopwatch.StartNew();
        await using (await DatabaseLock.Take(ConnectionString, OrganizationTable))
        {
            answers = (await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
            {
                var clock = Stopwatch.StartNew();
                var response = await Client.GetAsync("/fhir/Organization/eg-010000024");
                return (response.StatusCode, clock.Elapsed, await response.Content.ReadAsStringAsync());
            }))).ToList();
        }
        all.Stop();

        var refusedAtOnce = answers.Where(a => a.Body.Contains("serving as many requests as it takes (4, and 2 waiting)")).ToList();
        var timedOut = answers.Where(a => a.Body.Contains("was not served within 2 s")).ToList();
        TestContext.Out.WriteLine($"refused at once in {refusedAtOnce.Select(a => a.Took.TotalMilliseconds).DefaultIfEmpty().Max():F0} ms at most; " +
                                  $"timed out: {timedOut.Count}; all answered in {all.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(refusedAtOnce, Has.Count.EqualTo(6), "4 served and 2 queued, the 6 others refused");
            Assert.That(refusedAtOnce.Select(a => a.Took), Is.All.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(timedOut, Has.Count.EqualTo(6));
            // The 4 served time out at 2 s, then the 2 queued take their places and time out 2 s later.
            Assert.That(all.Elapsed, Is.LessThan(Timeout * 3.5));
        });
        Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000024")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task health_checks_pass_the_bound_and_say_not_ready_while_the_database_is_stuck()
    {
        await using (await DatabaseLock.Take(ConnectionString, "ror.mt_event_progression"))
        {
            var clock = Stopwatch.StartNew();
            var ready = await App.AnonymousClient().GetAsync("/health/ready");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(clock.Elapsed, Is.LessThan(Timeout * 2.5));
            Assert.That((await App.AnonymousClient().GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        Assert.That((await App.AnonymousClient().GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
