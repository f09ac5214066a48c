using Marten;
using Npgsql;

namespace RorNational.Fhir.Storage;

/// <summary>
/// Writes the versions a publication renders (<see cref="ResourceVersionTable"/>): all those of
/// a batch by one statement of the session's batch. A version already stored fails the
/// transaction (<see cref="IsConcurrentInsert"/>): two transactions that render the same version
/// of a resource cannot both commit.
/// </summary>
public static class ResourceVersionRows
{
    public static void Insert(IDocumentOperations operations, IReadOnlyList<FhirResourceVersion> versions)
    {
        if (versions.Count == 0) return;
        operations.QueueSqlCommand(ResourceVersionTable.Insert(operations.DocumentStore.Options.DatabaseSchemaName),
            versions.Select(v => v.ResourceType).ToArray(),
            versions.Select(v => v.ResourceId).ToArray(),
            versions.Select(v => v.Version).ToArray(),
            versions.Select(v => v.LastUpdated.ToUniversalTime()).ToArray(),
            versions.Select(v => v.Deleted).ToArray(),
            versions.Select(v => ArrayLiterals.Of(v.ClassSets.Select(c => (int)c))).ToArray(),
            versions.Select(v => v.Json).ToArray());
    }

    /// <summary>
    /// Whether a commit failed on a version another transaction stored first: a unique violation
    /// of the versions' primary key. One of the <see cref="Errors.ConcurrentWrites"/>.
    /// </summary>
    public static bool IsConcurrentInsert(PostgresException exception) =>
        exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ResourceVersionTable.PrimaryKeyName };
}
