using CapacityIngest;

namespace Bench.Host;

/// <summary>
/// What the host and PostgreSQL use during one workload: the host's resident memory (VmRSS,
/// sampled every 100 ms, the maximum kept) and the CPU time of both (from /proc, as the other
/// benchmarks read it), so that a run on a shared machine still tells what an operation costs.
/// </summary>
public sealed class Resources(int hostPid, int postmasterPid)
{
    private readonly CpuTime _cpu = new(hostPid, postmasterPid);
    private long _maxRssKb;

    public double MaxRssMbOverall { get; private set; }

    public async Task<(T Result, double MaxRssMb, TimeSpan HostCpu, TimeSpan PostgresCpu)> WatchAsync<T>(Func<Task<T>> workload)
    {
        Interlocked.Exchange(ref _maxRssKb, RssKb());
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rss = RssKb();
                if (rss > Interlocked.Read(ref _maxRssKb)) Interlocked.Exchange(ref _maxRssKb, rss);
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var before = _cpu.Sample();
        try
        {
            var result = await workload();
            var after = _cpu.Sample();
            var max = Interlocked.Read(ref _maxRssKb) / 1024.0;
            MaxRssMbOverall = Math.Max(MaxRssMbOverall, max);
            return (result, max, after.Host - before.Host, after.Postgres - before.Postgres);
        }
        finally
        {
            stop.Cancel();
            await sampler;
        }
    }

    /// <summary>The host's peak resident memory since it started (VmHWM).</summary>
    public double PeakRssMb => StatusKb("VmHWM:") / 1024.0;

    private long RssKb() => StatusKb(hostPid, "VmRSS:");

    /// <summary>A process's resident memory now (VmRSS), in MB.</summary>
    public static double RssMbOf(int pid) => StatusKb(pid, "VmRSS:") / 1024.0;

    private long StatusKb(string field) => StatusKb(hostPid, field);

    private static long StatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException) { return 0; }
    }
}
