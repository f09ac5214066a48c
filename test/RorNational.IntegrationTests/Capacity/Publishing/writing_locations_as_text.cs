using System.Text.Json.Nodes;
using Npgsql;
using RorNational.Fhir.Access;
using RorNational.IntegrationTests.Capacity.Supplying;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;

namespace RorNational.IntegrationTests.Capacity.Publishing;

/// <summary>
/// A capacity change reads the current Location and writes its next version apart from Marten's
/// serializer (the resource's JSON as text, the rest of the document as the store writes it):
/// the row left is the document Marten reads back whole, every member kept, its JSON the one served.
/// </summary>
public sealed class writing_locations_as_text : SupplyingFixture
{
    [Test]
    public async Task Given_a_published_lieu_When_its_capacity_changes_Then_its_document_keeps_every_member_and_holds_the_json_served()
    {
        var zone = await PublishLieu();
        var before = await Location(zone.LocationId);
        var modifiedBefore = await LastModified(zone.LocationId);
        var untouchedBefore = await UntouchedMembers(zone.LocationId);

        await Supplier.SendAsync(PatchRequest(ByIdentifier, Add(Record(3, At(0))))).EnsureOk();
        await Supplier.SendAsync(PatchRequest(ByIdentifier, Replace(Selector(), Record(5, At(1))))).EnsureOk();

        var after = await Location(zone.LocationId);
        var served = await Client.GetStringAsync($"/fhir/Location/{zone.LocationId}");
        var parsed = JsonNode.Parse(after.Json)!.AsObject();
        Assert.Multiple(async () =>
        {
            Assert.That(after.Version, Is.EqualTo(before.Version + 2));
            Assert.That((after.SourceStream, after.Retired), Is.EqualTo((before.SourceStream, before.Retired)));
            Assert.That(after.SourceStream, Is.Not.Empty);
            Assert.That(after.Json, Is.EqualTo(served), "the JSON stored is the one served, byte for byte");
            Assert.That(parsed["meta"]!["versionId"]!.GetValue<string>(), Is.EqualTo(after.Version.ToString()));
            Assert.That(after.ContentHash, Is.Not.EqualTo(before.ContentHash));
            Assert.That(after.ClassSets, Is.EqualTo(Redaction.ClassSetsOf(parsed)));
            Assert.That(after.LastUpdated, Is.GreaterThan(before.LastUpdated));
            Assert.That(await LastModified(zone.LocationId), Is.GreaterThan(modifiedBefore), "Marten's own columns moved with the row");
            Assert.That(await UntouchedMembers(zone.LocationId), Is.EqualTo(untouchedBefore),
                "the members a capacity change does not set are stored exactly as Marten's serializer wrote them");
        });
    }

    /// <summary>The stored document without the members a new version sets, as PostgreSQL prints it.</summary>
    private async Task<string> UntouchedMembers(string id)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (data - 'Json' - 'Version' - 'LastUpdated' - 'ContentHash' - 'ClassSets')::text from ror.mt_doc_locationdocument where id = $1", connection)
        {
            Parameters = { new() { Value = id } },
        };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<DateTime> LastModified(string id)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select mt_last_modified from ror.mt_doc_locationdocument where id = $1", connection)
        {
            Parameters = { new() { Value = id } },
        };
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}
