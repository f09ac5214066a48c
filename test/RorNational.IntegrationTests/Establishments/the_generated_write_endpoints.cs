using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RorNational.IntegrationTests.Infrastructure;
using Wolverine.Http;

namespace RorNational.IntegrationTests.Establishments;

/// <summary>
/// The /api writes run on Wolverine's aggregate handler workflow: the code Wolverine generates
/// for each (compiled at run time in this host) fetches the stream for writing, checks If-Match,
/// reads the body strictly, decides, and commits; nothing of it is written by hand.
/// </summary>
public sealed class the_generated_write_endpoints : ApiFixture
{
    private const string Unknown = "eg-690000013";

    [Test]
    public async Task fetch_the_stream_check_if_match_then_decide_and_commit()
    {
        var writes = WriteChains();
        foreach (var chain in writes)
        {
            // An unknown EG, every right: the endpoint runs (so its code is generated) and answers 404 or 400.
            var path = chain.RoutePattern!.RawText!.Replace("{egId}", Unknown).Replace("{dossierId}", "d-x").Replace("{ficheId}", "f-x").Replace("{uoId}", "u-x").Replace("{lieuId}", "l-x").Replace("{rpps}", "1234");
            var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(chain.HttpMethods.Single()), path)
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            });
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest), path);
        }

        Assert.That(writes, Has.Count.EqualTo(12));
        foreach (var chain in writes)
        {
            var code = chain.SourceCode!;
            var route = chain.RoutePattern!.RawText!;
            var fetch = code.IndexOf(".Events.FetchForWriting<", StringComparison.Ordinal);
            var decide = code.IndexOf(chain.Method.HandlerType.Name + "." + chain.Method.Method.Name + "(", StringComparison.Ordinal);
            var commit = code.IndexOf("SaveChangesAsync(", StringComparison.Ordinal);
            Assert.That(fetch, Is.GreaterThan(0), route);
            Assert.That(decide, Is.GreaterThan(fetch), route);
            Assert.That(commit, Is.GreaterThan(decide), route);
            if (route.Contains("{egId}"))
            {
                var ifMatch = code.IndexOf("IfMatch.Before(", StringComparison.Ordinal);
                Assert.That(ifMatch, Is.GreaterThan(fetch).And.LessThan(decide), route);
            }
            if (code.Contains("JsonBody.Read", StringComparison.Ordinal))
                Assert.That(code.IndexOf("JsonBody.Read", StringComparison.Ordinal), Is.LessThan(decide), route);
            Assert.That(code, Does.Not.Contain("ReadFromJsonAsync").And.Not.Contain("ReadJsonAsync"), $"{route}: Wolverine's lenient body binding");
        }
    }

    private IReadOnlyList<HttpChain> WriteChains() =>
    [
        .. App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<HttpChain>()).OfType<HttpChain>().Distinct()
            .Where(chain => (chain.RoutePattern!.RawText!.StartsWith("/api/establishments", StringComparison.Ordinal)
                             || chain.RoutePattern!.RawText!.StartsWith("/api/practitioners", StringComparison.Ordinal))
                            && chain.HttpMethods.Single() is "POST" or "PUT" or "PATCH" or "DELETE"),
    ];
}
