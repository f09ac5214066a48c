using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Subscriptions;

/// <summary>
/// The published hospital (EG 010000024, région 84, lieu fed by the supplier), a receiver on a
/// loopback port started for each test, and the Subscription bodies a consumer posts. Retries are
/// fast here (0.2 s doubling up to 1 s) so that a failing endpoint's recovery shows within seconds.
/// </summary>
public abstract class SubscriptionFixture : SupplyingFixture
{
    public const string Backport = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    public const string RegionSystem = "https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM";
    public const string CapacityTopic = "http://localhost/fhir/SubscriptionTopic/location-capacity-changed";
    public const string DescriptionTopic = "http://localhost/fhir/SubscriptionTopic/establishment-description-changed";

    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    protected NotificationReceiver Receiver { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Subscriptions:FirstRetryDelay"] = "00:00:00.200",
        ["Subscriptions:MaxRetryDelay"] = "00:00:01",
        ["Subscriptions:PollInterval"] = "00:00:00.200",
    };

    [SetUp]
    public async Task StartReceiver() => Receiver = await NotificationReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver() => await Receiver.DisposeAsync();

    public static JsonObject Subscription(string topic, string endpoint, string content = "id-only", int? heartbeat = null, params string[] filters)
    {
        var channelExtensions = new JsonArray(new JsonObject { ["url"] = Backport + "backport-timeout", ["valueUnsignedInt"] = 5 });
        if (heartbeat is not null) channelExtensions.Add(new JsonObject { ["url"] = Backport + "backport-heartbeat-period", ["valueUnsignedInt"] = heartbeat });
        var subscription = new JsonObject
        {
            ["resourceType"] = "Subscription",
            ["meta"] = new JsonObject { ["profile"] = new JsonArray(Backport + "backport-subscription") },
            ["status"] = "requested",
            ["reason"] = "tests",
            ["criteria"] = topic,
            ["channel"] = new JsonObject
            {
                ["extension"] = channelExtensions,
                ["type"] = "rest-hook",
                ["endpoint"] = endpoint,
                ["payload"] = "application/fhir+json",
                ["_payload"] = new JsonObject { ["extension"] = new JsonArray(new JsonObject { ["url"] = Backport + "backport-payload-content", ["valueCode"] = content }) },
            },
        };
        if (filters.Length > 0)
            subscription["_criteria"] = new JsonObject
            {
                ["extension"] = new JsonArray([.. filters.Select(f => (JsonNode)new JsonObject { ["url"] = Backport + "backport-filter-criteria", ["valueString"] = f })]),
            };
        return subscription;
    }

    public static Task<HttpResponseMessage> Post(HttpClient client, JsonNode body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/fhir+json");
        return client.PostAsync("/fhir/Subscription", content);
    }

    /// <summary>Creates a Subscription as <paramref name="client"/> and waits for its handshake; returns its id.</summary>
    protected async Task<string> Subscribe(HttpClient client, JsonObject body)
    {
        var response = await Post(client, body).EnsureOk();
        var id = (await response.ReadJson())["id"]!.GetValue<string>();
        await Receiver.WaitFor(all => all.Any(r => r.Type == "handshake" && r.Parameter("subscription")!.EndsWith(id)), Bound, "the handshake");
        return id;
    }

    protected async Task<string> Status(HttpClient client, string id) =>
        (await (await client.GetAsync($"/fhir/Subscription/{id}")).ReadJson())["status"]!.GetValue<string>();

    /// <summary>Waits (bounded) until the Subscription's status is <paramref name="expected"/>.</summary>
    protected async Task WaitForStatus(HttpClient client, string id, string expected)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (await Status(client, id) != expected)
        {
            if (DateTime.UtcNow > deadline) throw new AssertionException($"Subscription {id} is still {await Status(client, id)}, not {expected}");
            await Task.Delay(50);
        }
    }

    /// <summary>A capacity PATCH of the lieu by the supplier; returns the Location's version after it.</summary>
    protected Task<long> PatchCapacity(int count, int minute, bool first = false) => PatchCapacity(count, At(minute), first);

    /// <summary>A capacity PATCH at this source date (ISO 8601, later than the last one to be taken).</summary>
    protected async Task<long> PatchCapacity(int count, string date, bool first = false)
    {
        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, first ? Add(Record(count, date)) : Replace(Selector(), Record(count, date)))).EnsureOk();
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'));
    }
}
