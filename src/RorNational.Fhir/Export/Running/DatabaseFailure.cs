using Npgsql;

namespace RorNational.Fhir.Export.Running;

/// <summary>
/// Whether an export failed because of the database: an <see cref="NpgsqlException"/> itself or
/// wrapped (Marten reports a statement PostgreSQL refused in its own exception, the Npgsql one
/// inside). Such a failure is retried (<see cref="ExportHandler.Cooldowns"/>); any other marks
/// the export Failed at once.
/// </summary>
public static class DatabaseFailure
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException) return true;
        return false;
    }
}
