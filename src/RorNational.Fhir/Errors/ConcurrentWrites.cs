using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Npgsql;

namespace RorNational.Fhir.Errors;

/// <summary>
/// A commit refused because another transaction wrote the same thing first: a stream appended
/// to, a document version or receipt inserted (two renderings of one Location, two copies of one
/// request), a deadlock or serialization failure; alone, wrapped, or among the failures of a
/// batch. The capacity handler retries on it; whatever is left is answered 409 (412 with If-Match).
/// </summary>
public static class ConcurrentWrites
{
    public static bool Is(Exception exception) => exception switch
    {
        ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
            or EventStreamUnexpectedMaxEventIdException or DocumentAlreadyExistsException => true,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
            || Storage.DocumentRows.IsConcurrentInsert(postgres) || Storage.ResourceVersionRows.IsConcurrentInsert(postgres),
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(Is),
        _ => exception.InnerException is { } inner && Is(inner),
    };
}
