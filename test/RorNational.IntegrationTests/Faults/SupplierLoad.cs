using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using static RorNational.IntegrationTests.Capacity.Protocol.CapacityBodies;
using static RorNational.IntegrationTests.Capacity.Supplying.SupplyingFixture;

namespace RorNational.IntegrationTests.Faults;

/// <summary>
/// Suppliers as a bed-management software behaves: each sends its changes one after the
/// other, each with an X-Request-Id of its own, and sends a change again, with the same id,
/// until it is answered 200 (a connection refused or cut, a timeout, a 503). Supplier s's
/// change n sets n beds on its lieu S&lt;s&gt;-&lt;n mod 2&gt;. Retries wait 200 ms rather than the
/// Retry-After asked, to keep the tests short. Anything else than 200 or 503 is a failure.
/// Requests go to whatever host <see cref="Target"/> names at the time (a restarted host listens elsewhere).
/// </summary>
public sealed class SupplierLoad(Func<Uri> target, int suppliers, int changesEach)
{
    public sealed record Acknowledged(string RequestId, int Supplier, int Change, int Attempts, DateTimeOffset FirstSent, DateTimeOffset AnsweredAt);

    private readonly TaskCompletionSource _halfway = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acknowledged;

    public Func<Uri> Target { get; } = target;
    public ConcurrentBag<Acknowledged> Acks { get; } = [];
    public ConcurrentBag<string> Failures { get; } = [];

    /// <summary>The 503 answers: how long each took, and whether it said Retry-After.</summary>
    public ConcurrentBag<(TimeSpan Took, bool RetryAfter)> Unavailable { get; } = [];

    /// <summary>Connection errors and timeouts met (while a host was down).</summary>
    public int Unreachable;

    /// <summary>Completes once half of all the changes are acknowledged: the moment the tests break something.</summary>
    public Task Halfway => _halfway.Task;

    public int Total => suppliers * changesEach;

    /// <summary>The changes sent before an instant and acknowledged after it: those a fault caught in flight, acknowledged on a retry.</summary>
    public List<Acknowledged> CaughtAt(DateTimeOffset instant) => Acks.Where(a => a.FirstSent < instant && a.AnsweredAt > instant).ToList();

    public Task Run(CancellationToken cancellation) =>
        Task.WhenAll(Enumerable.Range(0, suppliers).Select(s => Task.Run(() => Supply(s, cancellation), cancellation)));

    /// <summary>The last count of each lieu, as the suppliers set it: what must be served at the end.</summary>
    public Dictionary<string, int> LastCounts() => Enumerable.Range(0, suppliers)
        .SelectMany(s => Enumerable.Range(0, FaultHospital.LieuxPerSupplier)
            .Select(n => (Lieu: FaultHospital.Lieu(s, n), Count: Enumerable.Range(1, changesEach).Where(c => c % FaultHospital.LieuxPerSupplier == n).DefaultIfEmpty(0).Max())))
        .ToDictionary(l => l.Lieu, l => l.Count);

    private async Task Supply(int supplier, CancellationToken cancellation)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FaultHospital.Token(FaultHospital.SupplierClient));
        for (var change = 1; change <= changesEach; change++)
        {
            var requestId = $"s{supplier}-c{change}-{Guid.NewGuid():N}";
            var lieu = FaultHospital.Lieu(supplier, change % FaultHospital.LieuxPerSupplier);
            var body = Replace(Selector(), Record(change, FaultHospital.SourceDate(change)));
            var firstSent = DateTimeOffset.UtcNow;
            for (var attempt = 1; ; attempt++)
            {
                cancellation.ThrowIfCancellationRequested();
                var started = Stopwatch.StartNew();
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(PatchRequest(new Uri(Target(), FaultHospital.ByIdentifierOf(lieu)).ToString(), body, requestId: requestId), cancellation);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
                {
                    Interlocked.Increment(ref Unreachable);
                    await Task.Delay(200, cancellation);
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Acks.Add(new Acknowledged(requestId, supplier, change, attempt, firstSent, DateTimeOffset.UtcNow));
                    if (Interlocked.Increment(ref _acknowledged) >= Total / 2) _halfway.TrySetResult();
                    break;
                }
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Unavailable.Add((started.Elapsed, response.Headers.RetryAfter is not null));
                    await Task.Delay(200, cancellation);
                    continue;
                }
                Failures.Add($"{requestId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}");
                break;
            }
        }
    }
}
