using System.Text.Json.Nodes;

namespace RorNational.IntegrationTests.Availability.Synthesis;

/// <summary>A query the synthesis cannot answer is refused with 400 and an OperationOutcome naming the parameter and what it allows.</summary>
public sealed class refusing_bad_queries : AvailabilityFixture
{
    [TestCase("?region=99", "region", "84")]
    [TestCase("?departement=2C", "departement", "2A")]
    [TestCase("?region=94&departement=01", "departement", "2A, 2B")]
    [TestCase("?regroupement=reanimation", "regroupement", "rea-adulte")]
    [TestCase("?freshness=0", "freshness", "positive")]
    [TestCase("?freshness=-3", "freshness", "positive")]
    [TestCase("?freshness=abc", "freshness", "8760")]
    [TestCase("?freshness=8761", "freshness", "8760")]
    [TestCase("?freshness=NaN", "freshness", "8760")]
    [TestCase("?freshness=", "freshness", "empty")]
    [TestCase("?freshness=1%00", "freshness", "8760")]
    [TestCase("?freshness=1e2", "freshness", "8760")]
    [TestCase("?region=84&region=94", "region", "once")]
    [TestCase("?dept=01", "dept", "region, departement, regroupement, freshness")]
    public async Task a_bad_parameter_is_refused_by_name(string query, string parameter, string allowed)
    {
        foreach (var path in new[] { "/api/availability", "/api/availability/units" })
        {
            var response = await Client.GetAsync(path + query);
            var body = await response.Content.ReadAsStringAsync();

            Assert.That((int)response.StatusCode, Is.EqualTo(400), body);
            var issue = JsonNode.Parse(body)!["issue"]![0]!;
            Assert.That(JsonNode.Parse(body)!["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
            Assert.That(issue["expression"]![0]!.GetValue<string>(), Is.EqualTo(parameter));
            Assert.That(issue["diagnostics"]!.GetValue<string>(), Does.Contain(allowed));
        }
    }
}
