using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir.Search.Querying;

namespace RorNational.IntegrationTests.Search;

/// <summary>A search as the engine takes it, from a query string written in a test ("specialty=227&amp;_count=10"), values unescaped.</summary>
public static class SearchRequests
{
    public static SearchRequest Parse(IServiceProvider services, string type, string query)
    {
        var parameters = query.Length == 0 ? [] : query.Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1]));
        return services.GetRequiredService<SearchRequestParser>().Parse(type, parameters, strict: true);
    }
}
