using System.Buffers.Text;
using System.Text;
using Hl7.Fhir.Model;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RorNational.Fhir;
using RorNational.Fhir.Access;
using RorNational.Fhir.Search.Definitions;
using RorNational.Fhir.Search.Indexing;
using RorNational.ReferenceData;

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

    /// <summary>
    /// The write side now refuses such a date, but events stored before it may hold one, and a
    /// replay indexes them: the index API must take it, and search must find it.
    /// </summary>
    [Test]
    public async Task a_closing_that_ends_on_9999_12_31_is_indexed_and_found()
    {
        var service = new HealthcareService
        {
            Id = "closing-until-9999",
            NotAvailable =
            [
                new HealthcareService.NotAvailableComponent
                {
                    ElementId = "closingReopeningDate",
                    Description = "Fermeture",
                    During = new Period { Start = "2026-07-01", End = "9999-12-31" },
                },
            ],
        };
        var indexer = new SearchIndexer(SearchParameterCatalog.Default, App.Services.GetRequiredService<Territory>());

        var rows = indexer.Index(service, Clock.GetUtcNow(), DataClass.None);

        var closing = rows.Dates.Single(d => d.Param == "notavailable-closing-reopeningdate");
        Assert.That(closing.High, Is.GreaterThan(new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc)), "to the end of the last day");
        await using (var session = App.Store.LightweightSession())
        {
            SearchIndexWriter.Queue(session, [("HealthcareService", service.Id)], [rows]);
            await session.SaveChangesAsync();
        }
        Assert.That(await Total("HealthcareService?notavailable-closing-reopeningdate=ge9999-12-31"), Is.EqualTo(1));
        Assert.That(await Total("HealthcareService?notavailable-closing-reopeningdate=ge9999-12-31T23:59Z"), Is.EqualTo(1));
        Assert.That(await Total("HealthcareService?notavailable-closing-reopeningdate=gt9999"), Is.Zero);
    }

    private async Task<int?> Total(string query)
    {
        var response = await Client.GetAsync("/fhir/" + query + "&_summary=count");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return FhirJson.Parse<Bundle>(body).Total;
    }
}
