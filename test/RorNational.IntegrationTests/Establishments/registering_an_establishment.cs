using System.Net;
using Marten;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Establishments;

public sealed class registering_an_establishment : ApiFixture
{
    [Test]
    public async Task a_new_establishment_is_created_and_published_as_two_organizations()
    {
        var response = await Client.Register(Requests.Registration());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/fhir/Organization/eg-010000024"));
        var body = await response.ReadJson();
        Assert.That(body["ej"]!.GetValue<string>(), Is.EqualTo("ej-010008407"));
        Assert.That(body["changed"]!.GetValue<bool>(), Is.True);

        Assert.That((await Client.GetAsync("/fhir/Organization/eg-010000024")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Client.GetAsync("/fhir/Organization/ej-010008407")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task the_same_registration_again_changes_nothing()
    {
        await Client.Register(Requests.Registration());

        var again = await Client.Register(Requests.Registration());

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await again.ReadJson())["changed"]!.GetValue<bool>(), Is.False);
        await using var session = App.Store.QuerySession();
        Assert.That(await session.Events.QueryAllRawEvents().CountAsync(), Is.EqualTo(2), "one event per stream, no duplicate");
        var organization = await Client.GetAsync("/fhir/Organization/eg-010000024");
        Assert.That(organization.Headers.ETag?.ToString(), Is.EqualTo("W/\"1\""));
    }

    [Test]
    public async Task a_registration_with_new_finess_data_updates_the_published_organization()
    {
        await Client.Register(Requests.Registration());

        var renamed = await Client.Register(Requests.Registration(egName: "CENTRE HOSPITALIER FLEYRIAT"));

        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var organization = await Client.GetAsync("/fhir/Organization/eg-010000024");
        var json = await organization.ReadJson();
        Assert.That(json["name"]!.GetValue<string>(), Is.EqualTo("CENTRE HOSPITALIER FLEYRIAT"));
        Assert.That(json["meta"]!["versionId"]!.GetValue<string>(), Is.EqualTo("2"));
        Assert.That(organization.Headers.ETag?.ToString(), Is.EqualTo("W/\"2\""));
    }

    [Test]
    public async Task concurrent_first_registrations_create_one_establishment()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Client.Register(Requests.Registration())));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses, Has.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1));
        await using var session = App.Store.QuerySession();
        var ej = await session.Events.FetchStreamAsync("ej-010008407");
        var eg = await session.Events.FetchStreamAsync("eg-010000024");
        Assert.That(ej.Concat(eg).Select(e => e.EventTypeName), Is.EquivalentTo(new[] { "ej_registered", "eg_registered" }));
    }

    [Test]
    public async Task a_malformed_registration_is_refused_with_the_fields_at_fault_and_stores_nothing()
    {
        var body = Requests.Registration(egFiness: "12345", egName: "");

        var response = await Client.Register(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+json"));
        var outcome = await response.ReadJson();
        Assert.That(outcome["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
        var expressions = outcome["issue"]!.AsArray().Select(i => i!["expression"]![0]!.GetValue<string>());
        Assert.That(expressions, Is.EquivalentTo(new[] { "eg.finess", "eg.name" }));
        await using var session = App.Store.QuerySession();
        Assert.That(await session.Events.QueryAllRawEvents().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task an_eg_naming_another_ej_than_the_one_given_is_refused()
    {
        var body = Requests.Registration();
        body["eg"]!["ejFiness"] = "690781810";

        var response = await Client.Register(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var outcome = await response.ReadJson();
        Assert.That(outcome["issue"]![0]!["expression"]![0]!.GetValue<string>(), Is.EqualTo("eg.ejFiness"));
        Assert.That((await Client.GetAsync("/fhir/Organization/ej-010008407")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task a_body_that_is_not_json_is_refused_with_an_operation_outcome()
    {
        var response = await Client.PostAsync("/api/establishments",
            new StringContent("{\"ej\": {\"finess\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var outcome = await response.ReadJson();
        Assert.That(outcome["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
    }

    [Test]
    public async Task a_field_of_the_wrong_json_type_is_named()
    {
        var body = Requests.Registration();
        body["ej"]!["finess"] = 10008407;

        var response = await Client.Register(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var outcome = await response.ReadJson();
        Assert.That(outcome["issue"]![0]!["expression"]![0]!.GetValue<string>(), Is.EqualTo("ej.finess"));
    }

    [Test]
    public async Task a_body_that_is_not_json_content_is_unsupported()
    {
        var response = await Client.PostAsync("/api/establishments", new StringContent("ej=1"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((await response.ReadJson())["resourceType"]!.GetValue<string>(), Is.EqualTo("OperationOutcome"));
    }

    [Test]
    public async Task corsican_finess_numbers_keep_their_letters()
    {
        var response = await Client.Register(Requests.Registration(ejFiness: "2A0000154", egFiness: "2A0000014"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var organization = await (await Client.GetAsync("/fhir/Organization/eg-2A0000014")).ReadJson();
        Assert.That(organization["partOf"]!["reference"]!.GetValue<string>(), Is.EqualTo("Organization/ej-2A0000154"));
    }
}
