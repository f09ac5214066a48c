using System.Buffers.Text;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Search;

/// <summary>
/// Values that reached the database or the date and number arithmetic and answered 500: a NUL
/// (PostgreSQL text cannot hold it), year 9999 (the end of a precision range overflowed),
/// numbers beyond decimal, and cursors without keys.
/// </summary>
public sealed class refusing_what_the_database_cannot_take : HostileSearchFixture
{
    [TestCase("Organization?name=ab%00cd", "name")]
    [TestCase("HealthcareService?active=%00", "active")]
    [TestCase("HealthcareService?_filter=name eq %00", "_filter")]
    [TestCase("HealthcareService?_filter=name eq \"a%00b\"", "_filter")]
    [TestCase("Organization?_cursor=%00", "_cursor")]
    [TestCase("Location?nb-capacity=79228162514264337593543950335", "nb-capacity")]
    [TestCase("Location?nb-capacity=-79228162514264337593543950335", "nb-capacity")]
    [TestCase("HealthcareService?age-range-low=1.000000000000000000000000000000", "age-range-low")]
    [TestCase("HealthcareService?age-range-low=ge1.000000000000000000000000000000", "age-range-low")]
    [TestCase("Organization?_cursor=e30", "_cursor")]
    [TestCase("Location?near=NaN|2.3|5|km", "near")]
    [TestCase("Location?near=48.8|Infinity|5|km", "near")]
    [TestCase("Location?near=48.8|2.3|NaN|km", "near")]
    [TestCase("Location?near-insee-code=69383|NaN|km", "near-insee-code")]
    public async Task a_value_the_database_or_the_arithmetic_cannot_take_is_400_naming_the_parameter(string query, string parameter)
    {
        var outcome = await Refused(query);
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { parameter }), outcome.Issue.Single().Diagnostics);
    }

    [TestCase("{}")]
    [TestCase("{\"Keys\":null,\"Id\":\"eg-010000024\"}")]
    [TestCase("{\"Keys\":[],\"Id\":null}")]
    [TestCase("{\"Keys\":[\"a\\u0000\"],\"Id\":\"x\"}")]
    [TestCase("{\"Keys\":[],\"Id\":\"a\\u0000b\"}")]
    [TestCase("{\"Keys\":[\"x\",\"y\",\"z\"],\"Id\":\"x\"}")]
    [TestCase("{\"Keys\":[],\"Id\":\"x\",\"IncludesAfter\":\"\\u0000\"}")]
    [TestCase("{\"Keys\":5,\"Id\":\"x\"}")]
    [TestCase("{\"Keys\":[],\"Id\":\"\\ud800\"}")]
    [TestCase("{\"Keys\":[],\"Id\":\"x\",\"Backward\":\"yes\"}")]
    [TestCase("[1,2]")]
    public async Task a_forged_cursor_is_400(string json)
    {
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var outcome = await Refused("Organization?_cursor=" + cursor);
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { "_cursor" }));
    }

    [TestCase("Organization?_lastUpdated=9999")]
    [TestCase("Organization?_lastUpdated=9999-12")]
    [TestCase("Organization?_lastUpdated=9999-12-31")]
    [TestCase("Organization?_lastUpdated=9999-12-31T23:59Z")]
    [TestCase("Organization?_lastUpdated=9999-12-31T23:59:59Z")]
    [TestCase("Organization?_lastUpdated=gt9999-12-31T23:59:59.9999999Z")]
    [TestCase("Organization?_lastUpdated=0001-01-01T00:00Z")]
    [TestCase("HealthcareService?notavailable-closing-reopeningdate=9999")]
    public async Task a_date_at_the_end_or_the_start_of_the_calendar_is_searched(string query)
    {
        Assert.That(await Answered(query), Is.Zero);
    }

    [TestCase("Organization?_lastUpdated=9999-12-31T23:59:59-05:00")]
    [TestCase("Organization?_lastUpdated=0001-01-01T00:00:00+05:00")]
    [TestCase("Organization?_lastUpdated=10000")]
    [TestCase("Organization?_lastUpdated=2024-01-01T10:00:00+99:00")]
    public async Task a_date_outside_the_calendar_is_400(string query)
    {
        var outcome = await Refused(query);
        Assert.That(outcome.Issue.Single().Expression, Is.EqualTo(new[] { "_lastUpdated" }));
    }

    [Test]
    public async Task a_closing_that_ends_on_9999_12_31_is_published_indexed_and_found()
    {
        var content = StructureRequests.Content(18);
        content["closing"] = new JsonObject { ["closedFrom"] = "2026-07-01", ["reopeningOn"] = "9999-12-31" };

        var edit = await Client.PutAsJsonAsync($"/api/establishments/{StructureRequests.EG}/uo/uo-cardio-hc/content", content);

        Assert.That((int)edit.StatusCode, Is.EqualTo(200), await edit.Content.ReadAsStringAsync());
        Assert.That(await Answered("HealthcareService?notavailable-closing-reopeningdate=ge9999-12-31"), Is.EqualTo(1));
        Assert.That(await Answered("HealthcareService?notavailable-closing-reopeningdate=ge9999-12-31T23:59Z"), Is.EqualTo(1));
        Assert.That(await Answered("HealthcareService?notavailable-closing-reopeningdate=gt9999"), Is.Zero);
    }
}
