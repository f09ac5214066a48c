using JasperFx;
using JasperFx.Events;
using Npgsql;
using RorNational.Fhir.Errors;

namespace RorNational.Offer.FinessImports;

/// <summary>
/// The failures worth running the import again for, from its last committed batch: the
/// database unreachable or restarting, a serialization failure or a deadlock (40001, 40P01),
/// a write that met another on the same stream or document (an editor's change to an EG the
/// batch touches, another node's batch, a capacity change rendering a Location of the batch:
/// every <see cref="ConcurrentWrites"/>).
/// </summary>
public static class FinessImportTransience
{
    public static bool IsTransient(Exception exception)
    {
        if (ConcurrentWrites.Is(exception)) return true;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: "40001" or "40P01" }:
                case NpgsqlException { IsTransient: true }:
                case ConcurrencyException or EventStreamUnexpectedMaxEventIdException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
