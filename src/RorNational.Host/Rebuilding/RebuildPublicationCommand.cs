using JasperFx.CommandLine;
using Marten;
using Npgsql;
using Spectre.Console;

namespace RorNational.Host.Rebuilding;

public sealed class RebuildPublicationInput : NetCoreInput
{
    [Description("Events replayed and written together (default 1000)")]
    public int BatchSizeFlag { get; set; } = RebuildSettings.Default.BatchSize;

    [Description("Events read before they are packed into batches (default 20000)")]
    public int WindowFlag { get; set; } = RebuildSettings.Default.WindowSize;

    [Description("Seconds to wait for writes in flight before refusing (1 to 3600, default 10)"), FlagAlias("lock-timeout", true)]
    public int LockTimeoutFlag { get; set; } = (int)RebuildSettings.Default.LockTimeout.TotalSeconds;
}

/// <summary>
/// <c>dotnet RorNational.Host.dll rebuild-publication</c>: rebuilds the FHIR publication
/// (resources, versions, history, search index) and the EJ/EG snapshots from the events, with
/// a progress bar, then prints a summary. All or nothing: interrupted (Ctrl-C, a crash), it
/// changes nothing, and running it again starts over.
/// </summary>
[Description("Rebuilds the FHIR publication, its search index and the EJ/EG snapshots from the events", Name = "rebuild-publication")]
public sealed class RebuildPublicationCommand : JasperFxAsyncCommand<RebuildPublicationInput>
{
    public override async Task<bool> Execute(RebuildPublicationInput input)
    {
        using var host = input.BuildHost();
        var store = (DocumentStore)host.Services.GetRequiredService<IDocumentStore>();
        var rebuild = new PublicationRebuild(store);
        var settings = RebuildSettings.Default with
        {
            BatchSize = Math.Max(1, input.BatchSizeFlag),
            WindowSize = Math.Max(1, input.WindowFlag),
            LockTimeout = TimeSpan.FromSeconds(Math.Clamp(input.LockTimeoutFlag, 1, 3600)),
        };
        using var interrupted = new CancellationTokenSource();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            AnsiConsole.MarkupLine("Rebuilding the publication from the events. Writes wait until it ends; reads see the previous publication until then.");
            var summary = await RebuildProgressBar.RunAsync(progress => rebuild.RunAsync(settings, progress, interrupted.Token));
            // Plain, on one line: build/bench reads it (a console's markup would wrap it at the terminal's width).
            Console.WriteLine(Summary(summary));
            await VacuumAsync(store, interrupted.Token);
            return true;
        }
        catch (RebuildRefused refused)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Rebuild refused, nothing changed:[/] {refused.Message}");
            return false;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]Rebuild interrupted, nothing changed (rolled back): run it again.[/]");
            return false;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    /// <summary>
    /// The rebuild is committed: an interrupted or failed vacuum leaves it as it is (autovacuum will
    /// come by), so the command still succeeds.
    /// </summary>
    private static async Task VacuumAsync(DocumentStore store, CancellationToken cancellation)
    {
        var rewritten = RebuiltTables.Of(store);
        var tables = rewritten.Count;
        // For the operator, and for build/bench, whose rebuild floor copies exactly these tables: one
        // plain line (a console's markup would wrap it at the terminal's width).
        Console.WriteLine($"Rewritten tables: {string.Join(", ", rewritten)}.");
        AnsiConsole.MarkupLine($"Vacuuming and analyzing the {tables} rewritten tables (reads and writes go on)...");
        try
        {
            var elapsed = await RebuiltTables.VacuumAsync(store, cancellation);
            AnsiConsole.MarkupLine($"[green]Vacuumed and analyzed[/] {tables} tables in {elapsed.TotalSeconds:N1} s.");
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]The rebuilt publication is committed; its vacuum did not finish ({e.Message}): autovacuum will reclaim the old rows and analyze the tables in its own time.[/]");
        }
    }

    private static string Summary(RebuildSummary summary) =>
        $"Rebuilt the publication from {summary.Events:N0} events of {summary.Streams:N0} streams " +
        $"in {summary.Elapsed.TotalSeconds:N1} s ({summary.EventsPerSecond:N0} events/s, {summary.Batches:N0} batches): " +
        $"{summary.Resources:N0} resources, {summary.Versions:N0} versions, {summary.IndexRows:N0} index rows.";
}
