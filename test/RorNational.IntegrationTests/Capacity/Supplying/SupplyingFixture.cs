using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>
/// A published hospital (EG 010000024) whose lieu "lieu-batiment-a" (idExterneSynchro
/// CARDIO-HC) a supplier feeds, and the requests a supplier sends.
/// </summary>
public abstract class SupplyingFixture : ApiFixture
{
    public const string Identifier = "1010000024/CARDIO-HC";
    public const string ByIdentifier = "/fhir/Location?identifier=" + Identifier;
    public const string LieuUnit = "010000024-lieu-batiment-a";

    /// <summary>A source date before the fixture's clock (2026-03-02 08:30 UTC).</summary>
    public static string At(int minute) => $"2026-03-02T07:{minute:00}:00Z";

    protected HttpClient Supplier { get; private set; } = null!;

    [OneTimeSetUp]
    public void SupplierClient() => Supplier = App.ClientFor(TestClients.Supplier);

    [OneTimeTearDown]
    public void DisposeSupplier() => Supplier.Dispose();

    /// <summary>Publishes the hospital and returns its lieu's zone.</summary>
    protected async Task<SupplyZone> PublishLieu()
    {
        await Client.PublishHospital();
        return await Zone(LieuUnit);
    }

    protected async Task<SupplyZone> Zone(string unit)
    {
        await using var session = App.Store.QuerySession();
        return await session.LoadAsync<SupplyZone>(unit) ?? throw new AssertionException($"no supply zone {unit}");
    }

    /// <summary>The events of the lieu's capacity stream.</summary>
    protected async Task<IReadOnlyList<IEvent>> CapacityEvents(string unit = LieuUnit)
    {
        await using var session = App.Store.QuerySession();
        return await session.Events.FetchStreamAsync("capacity-" + unit);
    }

    protected async Task<LocationDocument> Location(string id)
    {
        await using var session = App.Store.QuerySession();
        return await session.LoadAsync<LocationDocument>(id) ?? throw new AssertionException($"no Location {id}");
    }

    public static HttpRequestMessage PatchRequest(string url, JsonNode body, string? requestId = null, string? ifMatch = null, string? prefer = null,
        string contentType = "application/fhir+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (requestId is not null) request.Headers.Add("X-Request-Id", requestId);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (prefer is not null) request.Headers.Add("Prefer", prefer);
        return request;
    }

    public static HttpRequestMessage BundleRequest(JsonNode bundle, string? prefer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/fhir") { Content = new StringContent(bundle.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/fhir+json");
        if (prefer is not null) request.Headers.Add("Prefer", prefer);
        return request;
    }

    /// <summary>A transaction or batch Bundle of PATCH entries (url, Parameters, If-Match).</summary>
    public static JsonObject Bundle(string type, IEnumerable<(string Url, JsonObject Parameters, string? IfMatch)> entries, string? identifier = null)
    {
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = type };
        if (identifier is not null) bundle["identifier"] = new JsonObject { ["system"] = "urn:test:bundles", ["value"] = identifier };
        bundle["entry"] = new JsonArray(entries.Select((e, i) =>
        {
            var request = new JsonObject { ["method"] = "PATCH", ["url"] = e.Url };
            if (e.IfMatch is not null) request["ifMatch"] = e.IfMatch;
            return (JsonNode)new JsonObject { ["fullUrl"] = $"urn:uuid:00000000-0000-0000-0000-{i:000000000000}", ["resource"] = e.Parameters, ["request"] = request };
        }).ToArray());
        return bundle;
    }

    /// <summary>The status, and the OperationOutcome's issue codes and expressions, for the assertions on refusals.</summary>
    public static async Task<(int Status, string[] Codes, string[] Expressions, string Body)> Outcome(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body)!;
        var issues = json["issue"]!.AsArray();
        return ((int)response.StatusCode,
            issues.Select(i => i!["code"]!.GetValue<string>()).ToArray(),
            issues.SelectMany(i => i!["expression"]?.AsArray().Select(e => e!.GetValue<string>()) ?? []).ToArray(),
            body);
    }
}
