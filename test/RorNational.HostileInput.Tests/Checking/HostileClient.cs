using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RorNational.HostileInput.Tests.Requests;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.HostileInput.Tests.Checking;

/// <summary>
/// Sends hostile requests to the host under test, each with its own timeout, and waits for an
/// accepted FINESS import to settle before its effect is judged.
/// </summary>
public sealed class HostileClient(RorNationalApp app, HttpClient http, TimeSpan timeout)
{
    private readonly Dictionary<string, string> _tokens = [];

    public async Task<Answer> SendAsync(HostileRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(request.Path, UriKind.Relative));
        Authorize(message, request.Caller);
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body.Bytes);
            // As a careful client does with a large body: a server that refuses it on its headers answers before it is sent.
            message.Headers.ExpectContinue = body.Bytes.Length > 1024 * 1024;
            message.Content.Headers.ContentType = null;
            if (body.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
        }
        var clock = Stopwatch.StartNew();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            using var response = await http.SendAsync(message, cancellation.Token);
            var text = await response.Content.ReadAsStringAsync(cancellation.Token);
            return new Answer(request, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", text, clock.Elapsed,
                response.Headers.Location?.ToString());
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new Answer(request, Answer.TimedOut, "", "", clock.Elapsed, null);
        }
        catch (HttpRequestException failed)
        {
            return new Answer(request, Answer.ConnectionFailed, "", failed.Message, clock.Elapsed, null);
        }
    }

    /// <summary>Waits until the FINESS import at this location is no longer running; false if it does not settle in time.</summary>
    public async Task<bool> SettleAsync(string location, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < patience)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, location);
            Authorize(message, Caller.Default);
            using var response = await http.SendAsync(message);
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["status"]?.GetValue<string>();
            if (status is not null and not "Running") return true;
            await Task.Delay(100);
        }
        return false;
    }

    private void Authorize(HttpRequestMessage message, Caller caller)
    {
        switch (caller)
        {
            case Caller.AllRights:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(TestClients.AllRights));
                break;
            case Caller.Client client:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(client.ClientId));
                break;
            case Caller.RawAuthorization raw:
                message.Headers.TryAddWithoutValidation("Authorization", raw.Header);
                break;
        }
    }

    private string Token(string clientId)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(clientId, out var token)) _tokens[clientId] = token = app.TokenFor(clientId);
            return token;
        }
    }
}
