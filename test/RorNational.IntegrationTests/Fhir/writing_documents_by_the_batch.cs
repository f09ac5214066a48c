using Marten;
using Npgsql;
using RorNational.Fhir.Errors;
using RorNational.Fhir.Storage;
using RorNational.IntegrationTests.Infrastructure;

namespace RorNational.IntegrationTests.Fhir;

/// <summary>
/// <see cref="DocumentRows.InsertOrUpsert"/>, as the publication writes a batch's resources and
/// states: those never stored inserted, the others replaced, all Marten's own rows; a document
/// inserted as new that another transaction stored first fails the commit as a concurrent write
/// (retried by the import and the capacity handler), rather than overwrite it.
/// </summary>
public sealed class writing_documents_by_the_batch : ApiFixture
{
    [Test]
    public async Task new_documents_are_inserted_and_stored_ones_replaced()
    {
        var stored = Document("doc-rows-stored", "before");
        await using (var session = App.Store.LightweightSession())
        {
            session.Store(stored);
            await session.SaveChangesAsync();
        }

        await using (var session = App.Store.LightweightSession())
        {
            DocumentRows.InsertOrUpsert(session, [Document("doc-rows-new", "new"), Document("doc-rows-stored", "after")],
                d => d.Id, d => d.Id == "doc-rows-new");
            await session.SaveChangesAsync();
        }

        await using var query = App.Store.QuerySession();
        var loaded = (await query.LoadManyAsync<OrganizationDocument>("doc-rows-new", "doc-rows-stored")).ToDictionary(d => d.Id);
        Assert.That(loaded["doc-rows-new"].Json, Is.EqualTo("new"));
        Assert.That(loaded["doc-rows-stored"].Json, Is.EqualTo("after"));
    }

    [Test]
    public async Task a_document_inserted_as_new_that_another_transaction_stored_first_fails_the_commit_as_a_concurrent_write()
    {
        await using var first = App.Store.LightweightSession();
        await using var second = App.Store.LightweightSession();
        DocumentRows.InsertOrUpsert(first, [Document("doc-rows-raced", "first")], d => d.Id, _ => true);
        DocumentRows.InsertOrUpsert(second, [Document("doc-rows-raced", "second")], d => d.Id, _ => true);

        await first.SaveChangesAsync();
        var failure = Assert.CatchAsync(() => second.SaveChangesAsync());

        var postgres = Causes(failure!).OfType<PostgresException>().FirstOrDefault();
        Assert.That(postgres is not null && DocumentRows.IsConcurrentInsert(postgres), Is.True, failure!.ToString());
        Assert.That(ConcurrentWrites.Is(failure!), Is.True, failure!.ToString());
        await using var query = App.Store.QuerySession();
        Assert.That((await query.LoadAsync<OrganizationDocument>("doc-rows-raced"))!.Json, Is.EqualTo("first"));
    }

    private static OrganizationDocument Document(string id, string json) =>
        new() { Id = id, Version = 1, LastUpdated = DateTimeOffset.UtcNow, Json = json, ContentHash = json, SourceStream = "eg-000000000" };

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }
}
