using System.Net;
using System.Text.Json.Nodes;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>
/// An entry's request that cannot be honoured as written is refused, never read as absent: an
/// ifMatch of another JSON type would otherwise apply the change unconditionally, and a
/// conditional member the server does not implement (ifNoneExist...) would be ignored.
/// </summary>
public sealed class refusing_malformed_bundle_requests : SupplyingFixture
{
    private static JsonObject BundleWithRequestMember(string name, JsonNode value)
    {
        var bundle = Bundle("transaction", [("Location?identifier=" + Identifier, Add(Record(3, At(0))), null)]);
        bundle["entry"]![0]!["request"]![name] = value;
        return bundle;
    }

    [TestCase("ifMatch", "5")]
    [TestCase("url", "true")]
    [TestCase("method", "[\"PATCH\"]")]
    [TestCase("ifNoneExist", "\"identifier=x\"")]
    [TestCase("ifNoneMatch", "\"*\"")]
    public async Task Given_an_entry_request_member_that_cannot_be_honoured_When_posted_Then_400_naming_it_and_nothing_applied(string member, string json)
    {
        await PublishLieu();

        var response = await Supplier.SendAsync(BundleRequest(BundleWithRequestMember(member, JsonNode.Parse(json)!)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain($"Bundle.entry[0].request.{member}"));
        Assert.That(await CapacityEvents(), Is.Empty);
    }
}
