using RorNational.Fhir.Errors;
using RorNational.Offer.Capacity.Grouping;
using RorNational.Security.Http;

namespace RorNational.Host.Overload;

/// <summary>
/// The turns of the writes this process applies at once (<see cref="WritePlaces"/>: fewer while
/// it serves reads), taken by the <see cref="WriteGate"/> for each write request and, once the
/// request is read, by each group of capacity requests applied together (<see cref="SupplyGroups"/>).
/// A write that finds no turn within
/// <see cref="OverloadSettings.WriteWait"/>, or finds the queue full, is refused (503 with
/// Retry-After, nothing applied); when a write finds the database unavailable, the writes
/// waiting at that moment are refused at once rather than each waiting for the database in turn.
/// </summary>
public sealed class WriteTurns(OverloadSettings settings) : IWriteTurns
{
    /// <summary>Cancelled when a write found the database unavailable, then replaced: what the writes waiting at that moment listen to.</summary>
    private CancellationTokenSource _outage = new();

    // One per process, for its life.
    private readonly WritePlaces _places = new(settings.MaxConcurrentWrites, settings.WritesUnread, settings.WriteQueue);

    /// <summary>A read or search starts: until it ends, writes take no more than the turns kept for writes while reading.</summary>
    public IDisposable Reading() => _places.Reading();

    public async Task<IDisposable> TakeAsync(CancellationToken aborted)
    {
        var outage = Volatile.Read(ref _outage).Token;
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(aborted, outage);
        waited.CancelAfter(settings.WriteWait);
        IDisposable? place;
        try
        {
            place = await _places.TakeAsync(waited.Token);
        }
        catch (OperationCanceledException) when (outage.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            throw new HttpRefusal(HttpRefusalKind.Unavailable,
                "the database is unavailable for the moment (the write before this one could not reach it); nothing was applied: retry later");
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            throw Busy($"this one could not start within {settings.WriteWait.TotalSeconds:0.#} s");
        }
        return place ?? throw Busy($"has {Writes(settings.WriteQueue)} waiting already");
    }

    /// <summary>A write that held a turn failed with this: when the database is unavailable, the writes waiting now are refused at once.</summary>
    public void Failed(Exception failure)
    {
        // The database is away: each write waiting would hold its turn in turn for the connection wait (5 s), the last
        // ones answered only after the sum of them. Refuse those waiting now; the next ones try the database again.
        if (DatabaseUnavailable.AsRefusal(failure) is not null)
            Interlocked.Exchange(ref _outage, new CancellationTokenSource()).Cancel();
    }

    private HttpRefusal Busy(string why) => new(HttpRefusalKind.Unavailable,
        $"this server applies {AtOnce()} and {why}; nothing was applied: retry later " +
        "(a supplier's retry with the same X-Request-Id or Bundle.identifier is applied once)");

    private string AtOnce() => settings.WritesUnread == settings.MaxConcurrentWrites
        ? $"{Writes(settings.MaxConcurrentWrites)} at once"
        : $"{Writes(settings.WritesUnread)} at once ({settings.MaxConcurrentWrites} while it serves reads)";

    private static string Writes(int count) => count == 1 ? "1 write" : $"{count} writes";
}
