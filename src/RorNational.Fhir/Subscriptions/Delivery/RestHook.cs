using System.Net.Http.Headers;
using System.Text;
using RorNational.Fhir.Subscriptions.Storage;

namespace RorNational.Fhir.Subscriptions.Delivery;

/// <summary>
/// POSTs one notification to a Subscription's rest-hook endpoint with its content type and its
/// headers, within its timeout: delivered only on a 2xx answer.
/// </summary>
public sealed class RestHook : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AllowAutoRedirect = false,
    }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <returns>Null when delivered, else why not.</returns>
    public async Task<string?> PostAsync(TopicSubscription subscription, string bundle, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, subscription.Timeout)));
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Endpoint)
        {
            Content = new StringContent(bundle, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(subscription.ContentType) { CharSet = "utf-8" };
        foreach (var header in subscription.Headers)
        {
            var colon = header.IndexOf(':');
            if (colon > 0) request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"the endpoint answered {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return $"the endpoint did not answer within {subscription.Timeout} s";
        }
        catch (HttpRequestException failure)
        {
            return $"the endpoint could not be reached: {failure.Message}";
        }
    }

    public void Dispose() => _http.Dispose();
}
