using Marten;

namespace RorNational.Offer.Capacity;

/// <summary>Documents of one type loaded by their ids in one query.</summary>
public static class DocumentsById
{
    /// <summary>Those of these ids that exist, by id (none asked: no query).</summary>
    public static async Task<IReadOnlyDictionary<string, T>> LoadByIdAsync<T>(this IQuerySession session, IEnumerable<string> ids,
        Func<T, string> idOf, CancellationToken cancellation) where T : notnull
    {
        var distinct = ids.Distinct().ToArray();
        return distinct.Length == 0
            ? new Dictionary<string, T>()
            : (await session.LoadManyAsync<T>(cancellation, distinct)).ToDictionary(idOf);
    }
}
