using System.Net.Http.Headers;

namespace Bench.Workloads;

/// <summary>HttpClients carrying a client's token, as each supplier's software has its own.</summary>
public static class Suppliers
{
    public static HttpClient Client(Uri host, string token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = host,
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
}
