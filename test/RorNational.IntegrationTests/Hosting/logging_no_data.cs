using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RorNational.Domain.Establishments.Structure;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Hosting;

/// <summary>
/// The logs of the real host (captured beside the console): a failed write names its SQL and
/// PostgreSQL's reason, never the data it carried; a client that hangs up is no error.
/// </summary>
public sealed class logging_no_data : ApiFixture
{
    private const string CrisisLine = "04 74 45 99 99";
    private readonly CapturedLogs _logs = new();

    protected override void ConfigureServices(IServiceCollection services) => _logs.AddTo(services);

    /// <summary>The host's own debug entries too: a hang-up is told at that level, and only there.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:RorNational"] = "Debug",
    };

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
            first.Events.StartStream(stream, new Telecom("phone", "04 74 00 00 00", Confidentiality.Public));
            await first.SaveChangesAsync();
        }

        await using var second = App.Store.LightweightSession();
        second.Events.StartStream(stream, new Telecom("phone", CrisisLine, Confidentiality.Crisis));
        Assert.CatchAsync(() => second.SaveChangesAsync(), "the stream exists: the write fails");

        var marten = _logs.Entries.Where(e => e.Category.StartsWith("Marten") && e.Level >= LogLevel.Error).ToList();
        Assert.That(marten, Is.Not.Empty, "the failure is logged:\n" + _logs.AllText);
        Assert.That(_logs.AllText, Does.Not.Contain(CrisisLine).And.Not.Contain("Crisis"));
    }

    [Test]
    public async Task a_client_that_hangs_up_while_its_read_waits_on_the_database_leaves_no_error_in_the_logs()
    {
        await Client.Register(Requests.Registration());
        var table = App.Store.Options.FindOrResolveDocumentType(typeof(OrganizationDocument)).TableName.QualifiedName;
        await using var locker = new NpgsqlConnection(ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"lock table {table} in access exclusive mode", locker, transaction))
            await lockTable.ExecuteNonQueryAsync();
        _logs.Clear();

        var server = Client.BaseAddress!;
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(server.Host, server.Port);
            var request = $"GET /fhir/Organization/eg-010000024 HTTP/1.1\r\nHost: {server.Authority}\r\n" +
                          $"Authorization: Bearer {App.TokenFor(TestClients.AllRights)}\r\n\r\n";
            await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request));
            await Task.Delay(1500);
            // The read now waits on the lock. Reset, as a client process that dies or a proxy that gives up does.
            socket.Client.LingerState = new LingerOption(true, 0);
        }
        await Task.Delay(1500);
        await transaction.RollbackAsync();

        Assert.That(_logs.Entries.Where(e => e.Level >= LogLevel.Error), Is.Empty, _logs.AllText);
        Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000024")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server goes on");
    }

    [Test]
    public async Task a_client_that_hangs_up_in_the_middle_of_a_command_body_is_logged_at_debug_level_and_writes_nothing()
    {
        var server = Client.BaseAddress!;
        var body = Encoding.UTF8.GetBytes(Requests.Registration().ToJsonString());
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(server.Host, server.Port);
            var head = $"POST /api/establishments HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\n" +
                       $"Content-Length: {body.Length}\r\nAuthorization: Bearer {App.TokenFor(TestClients.AllRights)}\r\n\r\n";
            await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            await socket.GetStream().WriteAsync(body.AsMemory(0, body.Length / 2));
            await Task.Delay(1000);
            // Half the body sent, the endpoint reading the rest: reset, as a client process that dies does.
            socket.Client.LingerState = new LingerOption(true, 0);
            socket.Client.Close();
        }
        // The server sees the reset when it next reads the body, once the endpoint's code is
        // generated and compiled (seconds on a busy machine).
        for (var waited = 0; waited < 600 && !_logs.Entries.Any(e => HungUp(e) || e.Level >= LogLevel.Warning); waited++) await Task.Delay(100);
        // Kestrel ends the connection after the middleware: it would log a failed drain of the
        // body (an error with its stack trace) then, had the connection been kept alive.
        await Task.Delay(1000);

        Assert.That(_logs.Entries.Where(e => e.Level >= LogLevel.Warning), Is.Empty, _logs.AllText);
        Assert.That(_logs.Entries.Where(HungUp), Is.Not.Empty, _logs.AllText);
        Assert.That(await App.StreamVersion(StructureRequests.EG), Is.EqualTo(0), "nothing was written");
    }

    private static bool HungUp(CapturedLogs.Entry entry) =>
        entry.Level == LogLevel.Debug && entry.Text.StartsWith("The client hung up during POST /api/establishments", StringComparison.Ordinal);
}
