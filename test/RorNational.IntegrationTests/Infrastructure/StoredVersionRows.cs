using RorNational.Fhir.Storage;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>The resource versions stored (<see cref="ResourceVersionTable"/>), read as the application reads them.</summary>
public static class StoredVersionRows
{
    public static Task<List<FhirResourceVersion>> Where(string connectionString, string condition = "true", params object[] parameters) =>
        Sql.Rows(connectionString, $"select {ResourceVersionTable.Columns("v")} from ror.{ResourceVersionTable.Name} v where {condition}",
            reader => StoredVersions.Read(reader), parameters);
}
