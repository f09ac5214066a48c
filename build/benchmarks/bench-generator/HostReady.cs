namespace BenchGenerator;

/// <summary>Waits for GET /health/ready to answer 200 (database reachable, projections running).</summary>
public static class HostReady
{
    public static async Task WaitAsync(Uri url, TimeSpan patience, CancellationToken cancellation)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready", cancellation);
                if (response.IsSuccessStatusCode) return;
                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException e) { last = e.Message; }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested) { last = "timeout"; }
            await Task.Delay(500, cancellation);
        }
        throw new TimeoutException($"{url} is not ready after {patience.TotalSeconds:F0} s (/health/ready: {last})");
    }
}
