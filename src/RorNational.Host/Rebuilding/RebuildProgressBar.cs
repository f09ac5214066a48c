using System.Diagnostics;
using Spectre.Console;

namespace RorNational.Host.Rebuilding;

/// <summary>The rebuild's progress on the console: events replayed of all, streams met, rate, time left.</summary>
public static class RebuildProgressBar
{
    public static Task<RebuildSummary> RunAsync(Func<IProgress<RebuildProgress>, Task<RebuildSummary>> rebuild) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("events", maxValue: 1);
                var clock = Stopwatch.StartNew();
                var summary = await rebuild(new Progress(task, clock));
                task.Value = task.MaxValue;
                return summary;
            });

    /// <summary>Reports synchronously: the rebuild's thread updates the task, Spectre's renderer reads it.</summary>
    private sealed class Progress(ProgressTask task, Stopwatch clock) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalEvents);
            task.Value = value.TotalEvents == 0 ? 1 : value.Events;
            var rate = clock.Elapsed.TotalSeconds > 0 ? value.Events / clock.Elapsed.TotalSeconds : 0;
            task.Description = $"{value.Events:N0}/{value.TotalEvents:N0} events, {value.Streams:N0} streams, {rate:N0} events/s";
        }
    }
}
