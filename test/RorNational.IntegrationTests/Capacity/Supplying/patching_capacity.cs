using System.Net;
using System.Text.Json.Nodes;
using RorNational.Domain.Capacity;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Supplying;

/// <summary>The national PATCH protocol, case by case, over HTTP: what is stored, what is answered.</summary>
public sealed class patching_capacity : SupplyingFixture
{
    [Test]
    public async Task Given_no_indicator_When_the_supplier_adds_one_Then_it_is_stored_and_the_Location_answered_with_its_version()
    {
        var zone = await PublishLieu();
        var before = await Location(zone.LocationId);

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0)))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var events = await CapacityEvents();
        Assert.That(events.Select(e => e.Data), Has.One.InstanceOf<CapacityIndicatorAdded>());
        var added = (CapacityIndicatorAdded)events[0].Data;
        var after = await Location(zone.LocationId);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(added.Indicator.Count, Is.EqualTo(3));
            Assert.That(added.By.Id, Is.EqualTo(TestClients.Supplier));
            Assert.That(after.Version, Is.GreaterThanOrEqualTo(before.Version));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo($"W/\"{after.Version}\""));
            Assert.That(response.Content.Headers.LastModified, Is.EqualTo(new DateTimeOffset(after.LastUpdated.UtcDateTime.AddTicks(-(after.LastUpdated.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero)));
            Assert.That(body["resourceType"]!.GetValue<string>(), Is.EqualTo("Location"));
            Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo(zone.LocationId));
            Assert.That(body["meta"]!["versionId"]!.GetValue<string>(), Is.EqualTo(after.Version.ToString()));
        });
    }

    [Test]
    public async Task Given_an_indicator_When_the_supplier_replaces_it_Then_the_new_values_are_stored()
    {
        await PublishLieu();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(12, At(10)))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var replaced = (await CapacityEvents()).Select(e => e.Data).OfType<CapacityIndicatorReplaced>().Single();
        Assert.That(replaced.Indicator.Count, Is.EqualTo(12));
    }

    [Test]
    public async Task Given_no_indicator_When_the_supplier_replaces_it_Then_404_on_the_capacity_extension_and_the_add_that_follows_is_taken()
    {
        await PublishLieu();

        var missing = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(12, At(10))))));
        var added = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(12, At(10)))));

        Assert.Multiple(async () =>
        {
            Assert.That(missing.Status, Is.EqualTo(404), missing.Body);
            Assert.That(missing.Codes, Is.EqualTo(new[] { "not-found" }));
            Assert.That(missing.Expressions, Is.EqualTo(new[] { Collection }));
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var events = (await CapacityEvents()).Select(e => e.Data).ToList();
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(events[0], Is.InstanceOf<CapacityIndicatorAdded>());
        });
    }

    [Test]
    public async Task Given_an_indicator_When_the_supplier_deletes_it_Then_its_deletion_is_stored()
    {
        await PublishLieu();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Delete(Selector())));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await CapacityEvents()).Last().Data, Is.InstanceOf<CapacityIndicatorDeleted>());
    }

    [Test]
    public async Task Given_the_Location_id_When_the_supplier_patches_it_Then_the_change_goes_to_its_lieu()
    {
        var zone = await PublishLieu();

        var response = await Supplier.SendAsync(PatchRequest($"/fhir/Location/{zone.LocationId}", Add(Record(3, At(0)))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Given_an_unknown_idExterneSynchro_When_patched_Then_404_on_Location()
    {
        await PublishLieu();

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest("/fhir/Location?identifier=1010000024/NOWHERE", Add(Record(3, At(0))))));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(404), outcome.Body);
            Assert.That(outcome.Codes, Is.EqualTo(new[] { "not-found" }));
            Assert.That(outcome.Expressions, Is.EqualTo(new[] { "Location" }));
        });
    }

    [Test]
    public async Task Given_two_lieux_answering_the_identifier_When_patched_Then_412_multiple_matches_and_nothing_stored()
    {
        await PublishLieu();
        // Lieu B's functional id is lieu A's idExterneSynchro: the identifier names both.
        var lieuB = StructureRequests.Lieu();
        lieuB["name"] = "Bâtiment B";
        lieuB["lieu"]!["idExterneSynchro"] = "CARDIO-B";
        lieuB["lieu"]!["functionalId"] = "CARDIO-HC";
        await Client.Accept(await Client.SubmitDossier(("lieu-batiment-b", lieuB))).EnsureOk();

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(412), outcome.Body);
            Assert.That(outcome.Codes, Is.EqualTo(new[] { "multiple-matches" }));
            Assert.That(outcome.Expressions, Is.EqualTo(new[] { "Location" }));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_a_key_that_is_no_valid_indicator_When_added_Then_400_business_rule()
    {
        await PublishLieu();

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0), status: "02", closing: "01")))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
            Assert.That(outcome.Codes, Is.All.EqualTo("business-rule"));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_an_indicator_of_beds_only_When_places_are_added_Then_400_business_rule_on_capacityType()
    {
        await PublishLieu();

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier,
            Add(Record(3, At(0), status: "06", bedType: "01", nature: "02")))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
            Assert.That(outcome.Codes, Is.All.EqualTo("business-rule"));
            Assert.That(outcome.Expressions, Has.Some.Contains("capacityType"));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_an_indicator_When_the_same_key_is_added_again_Then_400_business_rule_and_nothing_more_stored()
    {
        await PublishLieu();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(4, At(5))))));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
            Assert.That(outcome.Codes, Is.EqualTo(new[] { "business-rule" }));
            Assert.That(await CapacityEvents(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Given_a_patch_of_anything_but_capacity_When_sent_Then_400_invalid_and_nothing_stored()
    {
        await PublishLieu();
        var rename = new JsonObject
        {
            ["resourceType"] = "Parameters",
            ["parameter"] = new JsonArray(new JsonObject
            {
                ["name"] = "operation",
                ["part"] = new JsonArray(
                    new JsonObject { ["name"] = "type", ["valueCode"] = "replace" },
                    new JsonObject { ["name"] = "path", ["valueString"] = "Location.name" },
                    new JsonObject { ["name"] = "value", ["valueString"] = "Renamed" }),
            }),
        };

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest(ByIdentifier, rename)));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
            Assert.That(outcome.Codes, Is.All.EqualTo("invalid"));
            Assert.That(await CapacityEvents(), Is.Empty);
        });
    }

    [Test]
    public async Task Given_another_content_type_When_patched_Then_415()
    {
        await PublishLieu();

        var response = await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))), contentType: "application/json-patch+json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(await CapacityEvents(), Is.Empty);
    }

    [Test]
    public async Task Given_a_malformed_identifier_When_patched_Then_400_invalid_naming_identifier()
    {
        await PublishLieu();

        var outcome = await Outcome(await Supplier.SendAsync(PatchRequest("/fhir/Location?identifier=CARDIO-HC", Add(Record(3, At(0))))));

        Assert.That(outcome.Status, Is.EqualTo(400), outcome.Body);
        Assert.That(outcome.Expressions, Is.EqualTo(new[] { "identifier" }));
    }
}
