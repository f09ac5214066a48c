using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RorNational.Domain.Establishments.Structure;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The logs of the real host (captured beside the console): a failed write names its SQL and
/// PostgreSQL's reason, never the data it carried; a client that hangs up is no error.
/// </summary>
public sealed class logging_no_data : ApiFixture
{
    private const string CrisisLine = "+33 4 74 45 99 99";
    private readonly CapturedLogs _logs = new();

    protected override void ConfigureServices(IServiceCollection services) => _logs.AddTo(services);

    /// <summary>A real socket, so that hanging up is a real disconnection.</summary>
    protected override bool ServeOverLoopback => true;

    [SetUp]
    public void ClearLogs() => _logs.Clear();

    [Test]
    public async Task a_failed_write_logs_its_failure_without_the_events_it_carried()
    {
        var stream = $"probe-{Guid.NewGuid():N}";
        await using (var first = App.Store.LightweightSession())
        {
            first.Events.StartStream(stream, new Telecom("phone", "+33 4 74 00 00 00", Confidentiality.Public));
            await first.SaveChangesAsync();
        }

        await using var second = App.Store.LightweightSession();
        second.Events.StartStream(stream, new Telecom("phone", CrisisLine, Confidentiality.Crisis));
        Assert.CatchAsync(() => second.SaveChangesAsync(), "the stream exists: the write fails");

        var marten = _logs.Entries.Where(e => e.Category == "Marten" && e.Level >= LogLevel.Error).ToList();
        Assert.That(marten, Is.Not.Empty, "the failure is logged");
        Assert.That(_logs.AllText, Does.Not.Contain(CrisisLine).And.Not.Contain("Crisis"));
    }

    [Test]
    public async Task a_client_that_hangs_up_during_its_request_leaves_no_error_in_the_logs()
    {
        using var hangUp = new CancellationTokenSource();
        var body = new HangingBody("{\"finessNumber\": \"010000024\", ");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/establishments") { Content = body };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var sending = Client.SendAsync(request, hangUp.Token);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await hangUp.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(10)));
        await Task.Delay(1000);

        Assert.That(_logs.Entries.Where(e => e.Level >= LogLevel.Error), Is.Empty, _logs.AllText);
        Assert.That((await Client.GetAsync("/fhir/metadata")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server goes on");
    }

    /// <summary>A body that sends its beginning, then nothing until the client gives up.</summary>
    private sealed class HangingBody(string beginning) : HttpContent
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellation)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(beginning), cancellation);
            await stream.FlushAsync(cancellation);
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellation);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
