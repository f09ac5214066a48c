namespace RorNational.Offer.Capacity.Grouping;

/// <summary>
/// The write turn the host's write gate gave a request (a request feature): a route that applies
/// its request in a group (<see cref="SupplyGroups"/>) gives it back once the request is read and
/// checked, then waits for the group's turn like any other write. Releasing twice releases once.
/// </summary>
public interface IHeldWriteTurn
{
    void Release();
}
