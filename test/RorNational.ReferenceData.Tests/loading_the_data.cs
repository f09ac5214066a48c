using System.Diagnostics;

namespace RorNational.ReferenceData.Tests;

[NonParallelizable] // measures time and memory
public sealed class loading_the_data
{
    [Test]
    public void the_embedded_data_load_well_under_a_second()
    {
        // The first load also pays for compiling the loader; Territory.Default loads only once.
        var cold = Stopwatch.StartNew();
        Territory.LoadEmbedded();
        cold.Stop();

        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var territory = Territory.LoadEmbedded();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        GC.KeepAlive(territory);

        // Best of three, in wall-clock and in processor time (which a busy machine does not inflate).
        var (wall, processor) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var i = 0; i < 3; i++)
        {
            using var process = Process.GetCurrentProcess();
            var processorBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Territory.LoadEmbedded();
            clock.Stop();
            process.Refresh();
            wall = Min(wall, clock.Elapsed);
            processor = Min(processor, process.TotalProcessorTime - processorBefore);
        }

        TestContext.Out.WriteLine(
            $"{territory.Communes.Count} communes loaded in {cold.Elapsed.TotalMilliseconds:F0} ms the first time, then in " +
            $"{wall.TotalMilliseconds:F0} ms ({processor.TotalMilliseconds:F0} ms of processor time); " +
            $"allocating {allocated / 1_048_576.0:F1} MiB, retaining {retained / 1_048_576.0:F1} MiB");
        Assert.That(processor, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [Test]
    public void the_default_territory_is_loaded_once()
    {
        var first = Territory.Default;

        Assert.That(Territory.Default, Is.SameAs(first));
    }

    [Test]
    public void concurrent_first_uses_share_one_territory()
    {
        var territories = new Territory[16];
        Parallel.For(0, territories.Length, i => territories[i] = Territory.Default);

        Assert.That(territories.Distinct(), Has.Exactly(1).Items);
    }
}
