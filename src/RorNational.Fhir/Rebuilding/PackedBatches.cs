using JasperFx.Events;
using RorNational.Fhir.Publishing;

namespace RorNational.Fhir.Rebuilding;

/// <summary>
/// The batches of a rebuild of the whole publication: the runs <see cref="TransactionBatches"/>
/// would replay one batch at a time, packed together. What a stream renders depends on its own
/// events and on where its runs end, never on another stream's (a lieu's capacity stream
/// renders with its EG: <see cref="TransactionBatches.RenderedWith"/>), so only the order of one
/// stream's runs must be kept, not how runs of different streams interleaved in the log.
/// The log is read in windows of about <c>windowEvents</c> events, in sequence order; within a
/// window the first run of every stream goes to the first level, its second run to the second,
/// and so on; each level is replayed in batches of about <c>maxEvents</c>, whole runs only.
/// A stream appended to by one transaction after another no longer makes one batch per
/// transaction: in the log as written, a batch held a few events and the rebuild paid its queries
/// and its commit for each. Runs that only change a dossier (opening it, drafting, finalizing,
/// submitting, rejecting) render nothing: they join the stream's next run, so that a dossier's
/// fifteen-odd transactions and its acceptance replay as one run, rendered once, after the acceptance.
/// </summary>
public static class PackedBatches
{
    public static async IAsyncEnumerable<IReadOnlyList<IEvent>> Of(IAsyncEnumerable<IEvent> events, int windowEvents, int maxEvents)
    {
        var window = new Window();
        await foreach (var e in events)
        {
            var stream = TransactionBatches.RenderedWith(e);
            // A window, like a batch, ends between runs, never inside one.
            if (window.Count >= windowEvents && !window.Continues(stream, e))
            {
                foreach (var batch in window.Batches(maxEvents)) yield return batch;
                window = new Window();
            }
            window.Add(stream, e);
        }
        foreach (var batch in window.Batches(maxEvents)) yield return batch;
    }

    /// <summary>The runs of a window, by level: a stream's n-th run in the window is at level n.</summary>
    private sealed class Window
    {
        private readonly Dictionary<string, OpenRun> _last = [];
        private readonly List<List<List<IEvent>>> _levels = [];

        public int Count { get; private set; }

        /// <param name="stream">The stream whose rendering the event changes (<see cref="TransactionBatches.RenderedWith"/>).</param>
        public bool Continues(string stream, IEvent e) => _last.TryGetValue(stream, out var last) && last.Timestamp == e.Timestamp;

        public void Add(string stream, IEvent e)
        {
            if (!_last.TryGetValue(stream, out var run) || (run.Timestamp != e.Timestamp && !run.RendersNothing))
            {
                var level = run is null ? 0 : run.Level + 1;
                if (level == _levels.Count) _levels.Add([]);
                run = new OpenRun(level);
                _levels[level].Add(run.Events);
                _last[stream] = run;
            }
            run.Add(e);
            Count++;
        }

        /// <summary>Level by level, whole runs, a batch closed once it holds <c>maxEvents</c> or more.</summary>
        public IEnumerable<IReadOnlyList<IEvent>> Batches(int maxEvents)
        {
            foreach (var level in _levels)
            {
                var batch = new List<IEvent>();
                foreach (var run in level)
                {
                    batch.AddRange(run);
                    if (batch.Count < maxEvents) continue;
                    yield return batch;
                    batch = [];
                }
                if (batch.Count > 0) yield return batch;
            }
        }

        /// <summary>
        /// A stream's run at its level. Runs that change only a dossier render nothing (<see cref="DossierOnlyEvents"/>):
        /// the stream's next run joins them, and renders after its last event as it did when appended.
        /// </summary>
        private sealed class OpenRun(int level)
        {
            public int Level { get; } = level;
            public List<IEvent> Events { get; } = [];
            public DateTimeOffset Timestamp { get; private set; }
            public bool RendersNothing { get; private set; } = true;

            public void Add(IEvent e)
            {
                Events.Add(e);
                Timestamp = e.Timestamp;
                RendersNothing &= DossierOnlyEvents.Is(e.Data);
            }
        }
    }
}
