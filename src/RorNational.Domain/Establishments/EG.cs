namespace RorNational.Domain.Establishments;

/// <summary>An EG (entité géographique, the establishment) as its stream tells it.</summary>
public sealed record EG(string Id, EGAdministrativeData Data, DateTimeOffset RegisteredAt)
{
    public static EG? Evolve(EG? state, object @event) => @event switch
    {
        EGRegistered e => new EG(EstablishmentIds.EG(e.Data.Finess), e.Data, e.At),
        EGAdministrativeDataUpdated e when state is not null => state with { Data = e.Data },
        _ => state,
    };
}
