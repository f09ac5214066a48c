using System.Net;
using System.Text;
using Marten;
using RorNational.Fhir.Reading;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Search;

namespace RorNational.IntegrationTests.Fhir;

/// <summary>
/// A read by id loads the fields of its answer from the stored document's row
/// (<see cref="CurrentResources"/>), not the document deserialized by Marten: for every resource
/// of the samples, both give the same JSON (the UTF-8 bytes of the document's text), version, instant (to the tick and offset), content
/// hash, retirement and class sets.
/// </summary>
public sealed class reading_a_resource_without_its_document : SearchFixture
{
    [Test]
    public async Task every_stored_resource_loads_the_same_as_its_marten_document()
    {
        var compared = await Compare<OrganizationDocument>() + await Compare<HealthcareServiceDocument>() + await Compare<LocationDocument>()
                       + await Compare<PractitionerDocument>() + await Compare<PractitionerRoleDocument>();
        Assert.That(compared, Is.GreaterThan(20), "the samples' resources were compared");
    }

    [Test]
    public async Task a_retired_resource_loads_as_retired_and_an_unknown_id_as_nothing()
    {
        var retired = new LocationDocument
        {
            Id = "retired-for-this-test", Version = 3, Retired = true, Json = "{\"resourceType\":\"Location\",\"note\":\"a \\\"quoted\\\" é\"}",
            LastUpdated = new DateTimeOffset(2026, 3, 12, 8, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567), ContentHash = "AB", ClassSets = [],
        };
        await using (var session = App.Store.LightweightSession())
        {
            session.Store(retired);
            await session.SaveChangesAsync();
        }
        try
        {
            var loaded = await CurrentResources.LoadAsync<LocationDocument>(App.Store, retired.Id, CancellationToken.None);
            AssertSame(loaded, retired);
            Assert.That((await Client.GetAsync($"/fhir/Location/{retired.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.Gone));
            Assert.That(await CurrentResources.LoadAsync<LocationDocument>(App.Store, "never-stored", CancellationToken.None), Is.Null);
        }
        finally
        {
            await using var session = App.Store.LightweightSession();
            session.Delete<LocationDocument>(retired.Id);
            await session.SaveChangesAsync();
        }
    }

    private async Task<int> Compare<TDocument>() where TDocument : FhirDocument, new()
    {
        await using var session = App.Store.QuerySession();
        var documents = await session.Query<TDocument>().ToListAsync();
        foreach (var document in documents)
            AssertSame(await CurrentResources.LoadAsync<TDocument>(App.Store, document.Id, CancellationToken.None), document);
        return documents.Count;
    }

    private static void AssertSame(CurrentResource? loaded, FhirDocument stored)
    {
        Assert.That(loaded, Is.Not.Null, stored.Id);
        Assert.That(loaded!.Id, Is.EqualTo(stored.Id));
        Assert.That(loaded.Utf8Json, Is.EqualTo(Encoding.UTF8.GetBytes(stored.Json)), stored.Id);
        Assert.That(loaded.Version, Is.EqualTo(stored.Version), stored.Id);
        Assert.That(loaded.LastUpdated.UtcTicks, Is.EqualTo(stored.LastUpdated.UtcTicks), stored.Id);
        Assert.That(loaded.LastUpdated.Offset, Is.EqualTo(stored.LastUpdated.Offset), stored.Id);
        Assert.That(loaded.ContentHash, Is.EqualTo(stored.ContentHash), stored.Id);
        Assert.That(loaded.Retired, Is.EqualTo(stored.Retired), stored.Id);
        Assert.That(loaded.ClassSets, Is.EqualTo(stored.ClassSets), stored.Id);
    }
}
