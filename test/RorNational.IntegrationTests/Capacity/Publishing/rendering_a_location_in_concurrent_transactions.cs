using Marten;
using JasperFx;
using Npgsql;
using RorNational.Domain.Capacity;
using RorNational.Domain.Common;
using RorNational.Domain.Establishments.Editing;
using RorNational.Fhir;
using RorNational.Fhir.Errors;
using RorNational.Fhir.Ror;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;
using static RorNational.IntegrationTests.Capacity.Publishing.CapacityAppends;
using static RorNational.IntegrationTests.Infrastructure.StructureRequests;
using SessionOptions = Marten.Services.SessionOptions;
using Location = Hl7.Fhir.Model.Location;

namespace RorNational.IntegrationTests.Capacity.Publishing;

/// <summary>
/// A description change (here the EG's closure, which makes every Location inactive) and a
/// capacity change render the same Location in transactions that overlap: both read its same
/// version, and the one that commits second fails on the versions' key (its new version collides
/// with the other's: <see cref="ResourceVersionRows.IsConcurrentInsert"/>, a <see cref="ConcurrentWrites"/>),
/// rather than overwrite the other's content.
/// Retried, it renders both.
/// </summary>
public sealed class rendering_a_location_in_concurrent_transactions : ApiFixture
{
    private string _location = "";

    [SetUp]
    public async Task GivenAPublishedHospital()
    {
        await Client.PublishHospital();
        _location = await Client.FhirIdOfUnit("Location", "010000024-lieu-batiment-a");
    }

    [Test]
    public async Task a_capacity_change_that_commits_second_fails_and_retried_keeps_both()
    {
        var failure = await SecondFails(first: DescriptionChange, second: CapacityChange);

        AssertDuplicateVersion(failure);
        await AssertPublished(version: "2", active: false, capacity: 0);
        await App.Store.AppendCapacity(Added(Indicator("02", 3)));
        await AssertPublished(version: "3", active: false, capacity: 1);
    }

    [Test]
    public async Task a_description_change_that_commits_second_fails_and_retried_keeps_both()
    {
        var failure = await SecondFails(first: CapacityChange, second: DescriptionChange);

        AssertDuplicateVersion(failure);
        await AssertPublished(version: "2", active: true, capacity: 1);
        await using (var session = App.Store.LightweightSession())
        {
            DescriptionChange(session);
            await session.SaveChangesAsync();
        }
        await AssertPublished(version: "3", active: false, capacity: 1);
    }

    /// <summary>The second failed on the Location's version the first wrote: a concurrent write, retried by the capacity handler.</summary>
    private static void AssertDuplicateVersion(Exception failure)
    {
        var postgres = Causes(failure).OfType<PostgresException>().FirstOrDefault();
        Assert.That(postgres is not null && ResourceVersionRows.IsConcurrentInsert(postgres) && postgres.TableName == ResourceVersionTable.Name, Is.True, failure.ToString());
        Assert.That(ConcurrentWrites.Is(failure), Is.True, failure.ToString());
    }

    private static IEnumerable<Exception> Causes(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException) yield return failure;
    }

    private static void DescriptionChange(IDocumentSession session) =>
        session.Events.Append(EG, new EGClosed("left FINESS", new Actor("test"), DateTimeOffset.UtcNow));

    private static void CapacityChange(IDocumentSession session) =>
        session.Events.Append(CapacityStreams.Of(CapacityAppends.Finess, CapacityAppends.Lieu), Added(Indicator("02", 3)));

    /// <summary>
    /// Both transactions run their projection on the Location's first version; the first commits
    /// while the second waits on it; the second's failure is returned.
    /// </summary>
    private async Task<Exception> SecondFails(Action<IDocumentSession> first, Action<IDocumentSession> second)
    {
        await using var firstConnection = new NpgsqlConnection(ConnectionString);
        await firstConnection.OpenAsync();
        await using var firstTransaction = await firstConnection.BeginTransactionAsync();
        await using (var session = App.Store.LightweightSession(SessionOptions.ForTransaction(firstTransaction)))
        {
            first(session);
            await session.SaveChangesAsync();
        }

        await using var secondConnection = new NpgsqlConnection(ConnectionString);
        await secondConnection.OpenAsync();
        await using var secondTransaction = await secondConnection.BeginTransactionAsync();
        var secondSession = App.Store.LightweightSession(SessionOptions.ForTransaction(secondTransaction));
        second(secondSession);
        var saving = secondSession.SaveChangesAsync();
        await Task.Delay(500);
        Assert.That(saving.IsCompleted, Is.False, "the second waits for the first");

        await firstTransaction.CommitAsync();
        var failure = await Task.WhenAny(saving).ContinueWith(t => saving.Exception?.InnerException);
        await secondSession.DisposeAsync();
        Assert.That(failure, Is.Not.Null, "the second transaction must fail");
        return failure!;
    }

    private async Task AssertPublished(string version, bool active, int capacity)
    {
        var location = FhirJson.Parse<Location>(await Client.GetStringAsync($"/fhir/Location/{_location}"));
        Assert.That(location.Meta!.VersionId, Is.EqualTo(version));
        Assert.That(location.Status, Is.EqualTo(active ? Location.LocationStatus.Active : Location.LocationStatus.Inactive));
        Assert.That(location.Extension.Count(e => e.Url == RorCanonical.Extensions.LocationSupportedCapacity), Is.EqualTo(capacity));
    }
}
