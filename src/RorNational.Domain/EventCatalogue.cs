using RorNational.Domain.Establishments;

namespace RorNational.Domain;

/// <summary>
/// The stored name of every event type. These names are a contract with the data already
/// in the event store: never change one; add a new event version and an upcaster instead.
/// </summary>
public static class EventCatalogue
{
    public static readonly IReadOnlyDictionary<Type, string> StoredNames = new Dictionary<Type, string>
    {
        [typeof(EJRegistered)] = "ej_registered",
        [typeof(EJAdministrativeDataUpdated)] = "ej_administrative_data_updated",
        [typeof(EGRegistered)] = "eg_registered",
        [typeof(EGAdministrativeDataUpdated)] = "eg_administrative_data_updated",
    };
}
