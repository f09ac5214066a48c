using System.Net;
using System.Net.Sockets;
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
        var server = Client.BaseAddress!;
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(server.Host, server.Port);
            var stream = socket.GetStream();
            var head = $"POST /api/establishments HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {App.TokenFor(TestClients.AllRights)}\r\n" +
                       "Content-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"ej\": {\"finess\": \"0100";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.FlushAsync();
            await Task.Delay(500);
            // Reset, as a client process that dies or a proxy that gives up does.
            socket.Client.LingerState = new LingerOption(true, 0);
        }
        await Task.Delay(1000);

        Assert.That(_logs.Entries.Where(e => e.Level >= LogLevel.Error), Is.Empty, _logs.AllText);
        Assert.That((await Client.GetAsync("/fhir/metadata")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server goes on");
    }
}
