using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BenchGenerator.Stages;

/// <summary>
/// One call of the host as the generator makes it: a 503 (database busy, a search past its
/// time) or a 409 of a concurrent write is retried a few times after a pause; any other
/// refusal stops the generation with the request and the answer's body.
/// </summary>
public static class Api
{
    private const int Attempts = 5;

    public static async Task<JsonNode?> Call(HttpClient http, HttpMethod method, string path, JsonNode? body, CancellationToken cancellation)
    {
        var (status, text) = await Send(http, method, path, body?.ToJsonString(), "application/json", cancellation);
        if ((int)status is < 200 or > 299) throw new GenerationFailed($"{method} {path} answered {(int)status}: {text}");
        return text.Length > 0 ? JsonNode.Parse(text) : null;
    }

    /// <summary>The status and body, after the retries of transient refusals.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> Send(
        HttpClient http, HttpMethod method, string path, string? body, string contentType, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
            using var response = await http.SendAsync(request, cancellation);
            var text = await response.Content.ReadAsStringAsync(cancellation);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict && attempt < Attempts)
            {
                await Task.Delay(200 * attempt, cancellation);
                continue;
            }
            return (response.StatusCode, text);
        }
    }
}

/// <summary>The generation cannot go on: the message says which request failed and why.</summary>
public sealed class GenerationFailed(string message) : Exception(message);
