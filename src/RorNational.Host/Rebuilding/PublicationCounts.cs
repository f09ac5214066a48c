using Marten;
using Npgsql;
using RorNational.Fhir.Rebuilding;
using RorNational.Fhir.Storage;

namespace RorNational.Host.Rebuilding;

/// <summary>What the publication holds: current resources, versions kept, search index rows.</summary>
public static class PublicationCounts
{
    public static async Task<(long Resources, long Versions, long IndexRows)> ReadAsync(
        NpgsqlTransaction transaction, DocumentStore store, CancellationToken cancellation)
    {
        string Table(Type type) => ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(type).TableName.QualifiedName;
        var schema = store.Options.DatabaseSchemaName;
        var resources = string.Join(" + ", new[] { typeof(OrganizationDocument), typeof(HealthcareServiceDocument), typeof(LocationDocument), typeof(PractitionerDocument), typeof(PractitionerRoleDocument) }
            .Select(type => $"(select count(*) from {Table(type)})"));
        var indexRows = string.Join(" + ", PublicationOutputs.IndexTables.Select(table => $"(select count(*) from {schema}.{table})"));
        await using var command = new NpgsqlCommand(
            $"select {resources}, (select count(*) from {schema}.{PublicationOutputs.VersionTable}), {indexRows}",
            transaction.Connection, transaction) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
