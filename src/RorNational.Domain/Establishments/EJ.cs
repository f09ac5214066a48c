namespace RorNational.Domain.Establishments;

/// <summary>An EJ (entité juridique) as its stream tells it.</summary>
public sealed record EJ(string Id, EJAdministrativeData Data, DateTimeOffset RegisteredAt)
{
    public static EJ? Evolve(EJ? state, object @event) => @event switch
    {
        EJRegistered e => new EJ(EstablishmentIds.EJ(e.Data.Finess), e.Data, e.At),
        EJAdministrativeDataUpdated e when state is not null => state with { Data = e.Data },
        _ => state,
    };
}
