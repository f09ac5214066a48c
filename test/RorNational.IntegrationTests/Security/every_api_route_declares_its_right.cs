using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using RorNational.IntegrationTests.Infrastructure;
using RorNational.Offer.ApiRights;

namespace RorNational.IntegrationTests.Security;

/// <summary>
/// The rights on /api cannot be forgotten: every route the host registers declares its right
/// ([Requires]), one check enforces it before the body is read, and a route without a right
/// stops the host at start-up. Walks every registered /api route, whatever it is.
/// </summary>
public sealed partial class every_api_route_declares_its_right : ApiFixture
{
    private const string EG = StructureRequests.EG;     // eg-010000024, région 84
    private const string Unknown = "eg-690000013";      // never registered here (région 84 too)

    [SetUp]
    public Task RegisterTheHospital() => Client.Register(Requests.Registration()).EnsureOk();

    [Test]
    public async Task every_api_route_refuses_a_request_without_a_token_with_401()
    {
        var anonymous = App.AnonymousClient();
        foreach (var (method, route) in ApiRoutes())
            await Refusals.AssertNoTokenRefused(await Send(anonymous, method, PathOf(route, EG)));
    }

    [Test]
    public async Task every_api_route_refuses_a_client_without_its_right_the_same_way_whether_the_target_exists_or_not()
    {
        var refusals = new List<string>();
        foreach (var (method, route) in ApiRoutes())
        {
            foreach (var clientId in WithoutTheRight(DeclaredRights.Of(route)!.Right))
            {
                var client = App.ClientFor(clientId);
                // A body that is not even JSON: the right is checked before the body is read.
                refusals.Add(await Refusals.AssertForbidden(await Send(client, method, PathOf(route, EG))));
                refusals.Add(await Refusals.AssertForbidden(await Send(client, method, PathOf(route, Unknown))));
            }
        }
        Assert.That(refusals, Has.Count.GreaterThanOrEqualTo(ApiRoutes().Count * 2));
        Assert.That(refusals.Distinct().Count(), Is.EqualTo(1), "every refusal reads the same");
        Assert.That(await App.StreamVersion(EG), Is.EqualTo(1), "nothing was written");
    }

    [Test]
    public void every_registered_api_route_declares_its_right()
    {
        Assert.That(ApiRoutes(), Has.Count.GreaterThanOrEqualTo(14));
        Assert.That(DeclaredRights.Faults(Endpoints()), Is.Empty);
    }

    [Test]
    public void the_only_api_routes_read_with_a_consumer_profile_instead_of_a_right_are_the_availability_synthesis()
    {
        var consumerReads = Endpoints().OfType<RouteEndpoint>().Where(DeclaredRights.IsApiRoute).Where(DeclaredRights.ReadsWithConsumerProfile)
            .Select(route => route.RoutePattern.RawText!.TrimStart('/'));

        Assert.That(consumerReads.ToList(), Is.Not.Empty.And.All.StartsWith("api/availability"));
    }

    [Test]
    public void an_api_route_without_a_right_or_without_its_target_is_named_by_the_start_up_check()
    {
        var forgotten = Synthetic("/api/forgotten/{egId}", HttpMethods.Post);
        var targetless = Synthetic("/api/capacity", HttpMethods.Put, new RequiresAttribute(Right.SupplierOfEstablishment));
        var outside = Synthetic("/fhir/not-the-api", HttpMethods.Get);

        var refusal = Assert.Throws<InvalidOperationException>(() =>
            DeclaredRights.EnsureEveryApiRouteDeclaresItsRight([.. Endpoints(), forgotten, targetless, outside]))!;

        Assert.That(refusal.Message, Does.Contain("POST /api/forgotten/{egId} declares no right"));
        Assert.That(refusal.Message, Does.Contain("PUT /api/capacity requires SupplierOfEstablishment, but its route has no {egId} or {establishmentId}"));
        Assert.That(refusal.Message, Does.Not.Contain("/fhir"));
        Assert.DoesNotThrow(() => DeclaredRights.EnsureEveryApiRouteDeclaresItsRight(Endpoints()));
    }

    [Test]
    public async Task a_host_with_an_api_route_without_a_right_does_not_start()
    {
        // A database of its own: whatever the host started before it stopped touches nothing of the fixture's.
        var database = await TestPostgres.CreateDatabase("forgotten_right");
        try
        {
            await using var app = new RorNationalApp(database, Clock, services => services.AddTransient<IStartupFilter, ForgottenRoute>());

            var failure = Assert.Catch(() => app.CreateClient());

            Assert.That(Messages(failure), Does.Contain("GET /api/forgotten/{egId} declares no right"));
        }
        finally
        {
            await TestPostgres.DropDatabase(database);
        }
    }

    /// <summary>An /api route mapped beside the host's own, as a new endpoint that forgot its right would be.</summary>
    private sealed class ForgottenRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapGet("/api/forgotten/{egId}", () => "open to every client"));
            next(app);
        };
    }

    private static string Messages(Exception? failure) =>
        failure is null ? "" : failure is AggregateException all
            ? string.Join(" | ", all.InnerExceptions.Select(Messages))
            : failure.Message + " | " + Messages(failure.InnerException);

    /// <summary>Registered clients that do not hold this right (clients.json): one with no right at all, one with others.</summary>
    private static string[] WithoutTheRight(Right right) => right switch
    {
        Right.Admin => [TestClients.Public, TestClients.Editor],
        Right.Auditor => [TestClients.Public, TestClients.Editor],
        Right.EditorOfEstablishment => [TestClients.Public, TestClients.OtherEditor, TestClients.ValidatorAra],
        Right.SupplierOfEstablishment => [TestClients.Public, TestClients.Editor],
        Right.ValidatorOfEstablishmentRegion => [TestClients.Public, TestClients.ValidatorBretagne, TestClients.Editor],
        Right.ReaderOfEstablishment => [TestClients.Public, TestClients.OtherEditor, TestClients.ValidatorBretagne],
        Right.PractitionerRecorder => [TestClients.Public, TestClients.ValidatorAra],
        _ => throw new ArgumentOutOfRangeException(nameof(right), right, "a right this test does not know: add its clients"),
    };

    private IReadOnlyList<Endpoint> Endpoints() => App.Services.GetRequiredService<EndpointDataSource>().Endpoints;

    private List<(string Method, RouteEndpoint Route)> ApiRoutes() =>
    [
        .. Endpoints().OfType<RouteEndpoint>().Where(route => DeclaredRights.IsApiRoute(route) && !DeclaredRights.ReadsWithConsumerProfile(route))
            .SelectMany(route => route.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => (method, route))),
    ];

    /// <summary>The route with its establishment set to this id and every other parameter to a plausible value.</summary>
    private static string PathOf(RouteEndpoint route, string establishmentId) =>
        RouteParameter().Replace(route.RoutePattern.RawText!, match =>
            RequiresAttribute.TargetRouteValues.Contains(match.Groups[1].Value) ? establishmentId : "x-" + match.Groups[1].Value.ToLowerInvariant());

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("not json", Encoding.UTF8, "application/json"),
        });

    private static RouteEndpoint Synthetic(string route, string method, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0,
            new EndpointMetadataCollection([new HttpMethodMetadata([method]), .. metadata]), route);

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
