using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Availability.Page;

/// <summary>
/// GET /api/availability/changes against real host processes: a Server-Sent Events stream that
/// only says "changed" when the availability changed (on any node of the database), with
/// heartbeats, bounded per client, ended when the token expires.
/// </summary>
[TestFixture]
public sealed class the_changes_stream
{
    private const string Route = "/api/availability/changes";
    private PageHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await PageHost.StartAsync(browser: false);
        await _host.WaitForTheHighWaterMarkAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    /// <summary>An open stream, read line by line.</summary>
    private sealed class Stream(HttpClient client, HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
    {
        public HttpResponseMessage Response => response;
        public List<string> Lines { get; } = [];

        /// <summary>Reads until a line matches, or fails after the timeout; null when the server closed the stream.</summary>
        public async Task<string?> ReadUntilAsync(Func<string, bool> match, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            while (await reader.ReadLineAsync(deadline.Token) is { } line)
            {
                Lines.Add(line);
                if (match(line)) return line;
            }
            return null;
        }

        public async ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            client.Dispose();
            await Task.CompletedTask;
        }
    }

    private static async Task<Stream> OpenAsync(HostProcess node, string token)
    {
        var client = node.Client(token);
        var response = await client.GetAsync(Route, HttpCompletionOption.ResponseHeadersRead);
        return new Stream(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    [Test, CancelAfter(30_000)]
    public async Task says_changed_after_a_capacity_patch_and_nothing_more()
    {
        await using var stream = await OpenAsync(_host.Host, PageHost.TokenFor("orientation-tool"));
        Assert.That(stream.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stream.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(await stream.ReadUntilAsync(line => line == ": heartbeat", TimeSpan.FromSeconds(5)), Is.Not.Null, "a heartbeat within the heartbeat period");

        var watch = Stopwatch.StartNew();
        await _host.PatchAvailableBedsAsync(4);
        Assert.That(await stream.ReadUntilAsync(line => line == "event: changed", TimeSpan.FromSeconds(10)), Is.Not.Null, "changed after the PATCH");
        TestContext.Out.WriteLine($"\"changed\" arrived {watch.ElapsedMilliseconds} ms after the PATCH was sent");
        await stream.ReadUntilAsync(line => line.Length == 0, TimeSpan.FromSeconds(2));

        Assert.That(stream.Lines.Where(line => line.Length > 0 && !line.StartsWith(':')),
            Is.SubsetOf(new[] { "retry: 2000", "event: changed", "data: changed" }), "no data in the stream, ever");
    }

    /// <summary>Most of its time is the second host's start and graceful stop (20 to 55 s on the shared 2-core machine).</summary>
    [Test, CancelAfter(150_000)]
    public async Task a_change_written_through_another_node_reaches_the_streams_of_this_one()
    {
        await using var other = await _host.StartAnotherNodeAsync();
        try
        {
            await using var stream = await OpenAsync(_host.Host, PageHost.TokenFor("samu-69"));
            await stream.ReadUntilAsync(line => line == ": heartbeat", TimeSpan.FromSeconds(5));

            await _host.PatchAvailableBedsAsync(5, through: other);

            Assert.That(await stream.ReadUntilAsync(line => line == "event: changed", TimeSpan.FromSeconds(10)), Is.Not.Null);
        }
        finally
        {
            // Stopped as a deploy stops a node (SIGTERM): it hands back the projections it ran.
            await other.StopAsync();
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task is_refused_without_a_token_or_with_a_parameter()
    {
        using var anonymous = _host.Host.Client();
        var unauthorized = await anonymous.GetAsync(Route);
        Assert.That(unauthorized.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(JsonNode.Parse(await unauthorized.Content.ReadAsStringAsync())?["resourceType"]?.GetValue<string>(), Is.EqualTo("OperationOutcome"));

        using var client = _host.Host.Client(PageHost.TokenFor("samu-69"));
        var withParameter = await client.GetAsync(Route + "?departement=01");
        Assert.That(withParameter.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await withParameter.Content.ReadAsStringAsync(), Does.Contain("takes no parameter"));
    }

    [Test, CancelAfter(10_000)]
    public async Task answers_head_with_its_headers_at_once()
    {
        using var client = _host.Host.Client(PageHost.TokenFor("samu-69"));
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Route));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
    }

    [Test, CancelAfter(30_000)]
    public async Task a_client_holds_a_bounded_number_of_streams()
    {
        var token = PageHost.TokenFor("validator-ara");
        var open = new List<Stream>();
        try
        {
            for (var i = 0; i < PageHost.MaxStreamsPerClient; i++) open.Add(await OpenAsync(_host.Host, token));
            Assert.That(open.Select(s => s.Response.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

            await using (var oneMore = await OpenAsync(_host.Host, token))
            {
                Assert.That(oneMore.Response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(oneMore.Response.Headers.RetryAfter, Is.Not.Null);
            }
            await using (var otherClient = await OpenAsync(_host.Host, PageHost.TokenFor("orientation-tool")))
                Assert.That(otherClient.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client is not counted with this one");

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            // The server sees the stream closed at its next write (a heartbeat, 1 s here).
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var again = await OpenAsync(_host.Host, token);
                if (again.Response.StatusCode == HttpStatusCode.OK)
                {
                    open.Add(again);
                    break;
                }
                await again.DisposeAsync();
                Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "a closed stream gives its place back");
                await Task.Delay(200);
            }
        }
        finally
        {
            foreach (var stream in open) await stream.DisposeAsync();
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task ends_when_the_callers_token_expires()
    {
        var token = PageHost.TokenFor("samu-69", TimeSpan.FromSeconds(3));
        await using var stream = await OpenAsync(_host.Host, token);
        Assert.That(stream.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var watch = Stopwatch.StartNew();

        var ended = await stream.ReadUntilAsync(_ => false, TimeSpan.FromSeconds(15));

        Assert.That(ended, Is.Null, "the server closed the stream");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)));
        await using var again = await OpenAsync(_host.Host, token);
        Assert.That(again.Response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no new stream on an expired token, even within the clock skew");
    }

    [Test, CancelAfter(30_000)]
    public async Task a_token_with_less_than_a_second_left_opens_no_stream()
    {
        // Made early in a second, a token expiring at the next whole second (exp counts seconds)
        // has 0.9 to 1 s left: valid, yet too short for a stream. Should the request take longer
        // than that to reach the server (a loaded machine), the token has expired: once more.
        for (var attempt = 1; ; attempt++)
        {
            while (DateTimeOffset.UtcNow.Millisecond > 100) await Task.Delay(5);
            var token = new Security.ForgedToken
            {
                ClientId = "samu-69",
                IssuedAt = DateTime.UtcNow.AddMinutes(-1),
                RawExpiry = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1,
            }.Sign();
            using var client = _host.Host.Client(token);
            var response = await client.GetAsync(Route);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(JsonNode.Parse(body)?["resourceType"]?.GetValue<string>(), Is.EqualTo("OperationOutcome"));
            if (body.Contains("the token has expired") && attempt < 3) continue;
            Assert.That(body, Does.Contain("the token expires within a second; use a new token"));
            return;
        }
    }
}
