using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Marten;
using RorNational.Fhir;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Finess;

public sealed class importing_finess_extracts : ApiFixture
{
    private static string Sample() => FinessImportCalls.Sample();

    private Task<JsonObject> Import(string extract, string query = "") => Client.Import(extract, query);

    private Task<JsonObject> Import(byte[] extract, string mediaType) => Client.Import(extract, mediaType);

    private async Task<int> StoredEvents()
    {
        await using var session = App.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.StreamKey!.StartsWith("e")).CountAsync();
    }

    [Test]
    public async Task the_sample_extract_registers_every_establishment_with_its_finess_data()
    {
        var report = await Import(Sample());

        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"), report.ToJsonString());
        Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(19));
        Assert.That(report["rejectedCount"]!.GetValue<int>(), Is.Zero);
        var herriot = FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/eg-690000013"));
        Assert.That(herriot.Name, Is.EqualTo("HOPITAL EDOUARD HERRIOT"));
        Assert.That(herriot.PartOf!.Reference, Is.EqualTo("Organization/ej-690781810"));
        Assert.That(herriot.Identifier.Select(i => i.System), Does.Contain("https://sirene.fr"));
        Assert.That(herriot.Type.Single().Coding.Single().Code, Is.EqualTo("101"));
        Assert.That(herriot.Meta!.Tag.Single().Code, Is.EqualTo("84"));
        Assert.That(herriot.Address.Single().GetExtension("http://hl7.org/fhir/StructureDefinition/geolocation"), Is.Not.Null);
        Assert.That((await Client.GetAsync("/fhir/Organization/ej-690781810")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task the_finess_structures_json_format_is_detected_and_names_the_ejs()
    {
        var extract = await File.ReadAllBytesAsync(Path.Combine(TestPostgres.RepositoryRoot(),
            "test", "RorNational.Finess.Tests", "Extracts", "finess-structures.json"));

        var report = await Import(extract, "application/json");

        Assert.That(report["format"]!.GetValue<string>(), Is.EqualTo("FinessStructures"));
        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("Completed"), report.ToJsonString());
        Assert.That(report["rejectedCount"]!.GetValue<int>(), Is.EqualTo(1), "one EG has a malformed FINESS number");
        var eg = FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/eg-010000024"));
        Assert.That(eg.PartOf!.Reference, Is.EqualTo("Organization/ej-010780054"));
        var ej = FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/ej-010780054"));
        Assert.That(ej.Name, Does.Contain("BOURG"));
    }

    [Test]
    public async Task importing_the_same_extract_again_emits_no_event()
    {
        await Import(Sample());
        var before = await StoredEvents();

        var again = await Import(Sample());

        Assert.That(again["unchanged"]!.GetValue<int>(), Is.EqualTo(19));
        Assert.That(again["registered"]!.GetValue<int>() + again["updated"]!.GetValue<int>() + again["closed"]!.GetValue<int>(), Is.Zero);
        Assert.That(await StoredEvents(), Is.EqualTo(before));
    }

    [Test]
    public async Task a_copy_resaved_by_a_spreadsheet_is_refused_whole_and_nothing_is_written()
    {
        var damaged = Sample().Replace(";26690027300016;", ";2,66900E+13;");

        var response = await Client.PostAsync("/api/finess/imports", new StringContent(damaged, Encoding.UTF8, "text/csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.That(outcome.Issue.Single().Diagnostics, Does.Contain("scientific notation"));
        await using var session = App.Store.QuerySession();
        Assert.That(await session.Events.QueryAllRawEvents().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task malformed_lines_are_reported_with_their_line_numbers_and_the_others_imported()
    {
        var lines = Sample().Split('\n').ToList();
        lines[2] = lines[2].Replace(";690000021;", ";6900021;");
        lines.Insert(4, "structureet;too;few;fields");

        var report = await Import(string.Join('\n', lines));

        var rejected = report["rejections"]!.AsArray().Select(r => r!["line"]!.GetValue<long>()).ToList();
        Assert.That(rejected, Is.EqualTo(new long[] { 3, 5 }));
        Assert.That(report["registered"]!.GetValue<int>(), Is.EqualTo(18));
    }

    [Test]
    public async Task a_full_extract_closes_the_establishments_it_no_longer_lists()
    {
        await Client.Register(Requests.Registration(ejFiness: "130786049", egFiness: "130783236")).EnsureOk();

        var report = await Import(Sample());

        Assert.That(report["closed"]!.GetValue<int>(), Is.EqualTo(1));
        var closed = FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/eg-130783236"));
        Assert.That(closed.Active, Is.False);
        Assert.That(FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/eg-690000013")).Active, Is.True);
    }

    [Test]
    public async Task an_establishment_listed_again_by_a_later_extract_is_reopened()
    {
        var withoutHerriot = string.Join('\n', Sample().Split('\n').Where(l => !l.Contains(";690000013;")));
        await Import(Sample());
        Assert.That((await Import(withoutHerriot, "?confirmClosures=true"))["closed"]!.GetValue<int>(), Is.EqualTo(1), "1 of 19 is over 5 %");

        var report = await Import(Sample());

        Assert.That(report["reopened"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(FhirJson.Parse<Organization>(await Client.GetStringAsync("/fhir/Organization/eg-690000013")).Active, Is.True);
    }

    [Test]
    public async Task a_change_in_finess_reaches_the_published_organization()
    {
        await Import(Sample());

        var report = await Import(Sample().Replace(";HOPITAL EDOUARD HERRIOT;", ";HOPITAL EDOUARD-HERRIOT;"));

        Assert.That(report["updated"]!.GetValue<int>(), Is.EqualTo(1));
        var read = await Client.GetAsync("/fhir/Organization/eg-690000013");
        Assert.That(read.Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
        Assert.That(FhirJson.Parse<Organization>(await read.Content.ReadAsStringAsync()).Name, Is.EqualTo("HOPITAL EDOUARD-HERRIOT"));
    }
}
