using System.Net.Http.Headers;

namespace Bench.Http;

/// <summary>A server the driver loads (the host or the floor server): one HttpClient, many connections.</summary>
public sealed class Server(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress => baseAddress;

    public HttpClient Client => _http;

    /// <summary>A GET as a consumer sends it; true on a 2xx whose body was read whole.</summary>
    public async Task<bool> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    /// <summary>A GET whose body the caller reads; fails loudly, for set-up and checks.</summary>
    public async Task<string> GetTextAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
        return body;
    }

    public HttpClient WithToken(string token)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
