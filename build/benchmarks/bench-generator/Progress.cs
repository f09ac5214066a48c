using System.Diagnostics;
using System.Globalization;

namespace BenchGenerator;

/// <summary>
/// The progress of one stage on stderr: on a terminal, one line rewritten every half second
/// ("dossiers  1,234/5,000  24.7 %  85.3/s  ETA 0:44"); when stderr is a file or a pipe (build/bench,
/// CI), the same line printed every 10 seconds, so that logs stay readable. Thread-safe.
/// </summary>
public sealed class Progress : IDisposable
{
    private readonly string _stage;
    private readonly long _total;
    private readonly TextWriter? _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly bool _terminal;
    private long _done;

    public Progress(string stage, long total, TextWriter? output)
    {
        _stage = stage;
        _total = total;
        _output = output;
        _terminal = output is not null && !Console.IsErrorRedirected;
        if (output is not null)
        {
            var period = TimeSpan.FromSeconds(_terminal ? 0.5 : 10);
            _timer = new Timer(_ => Write(final: false), null, period, period);
        }
    }

    public long Done => Interlocked.Read(ref _done);

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Advance(long count = 1) => Interlocked.Add(ref _done, count);

    /// <summary>Done per second since the stage began.</summary>
    public double Rate => Done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);

    private void Write(bool final)
    {
        if (_output is null) return;
        var done = Done;
        var rate = Rate;
        var eta = rate > 0 && done < _total ? TimeSpan.FromSeconds((_total - done) / rate) : TimeSpan.Zero;
        var line = string.Format(CultureInfo.InvariantCulture, "{0,-10} {1:N0}/{2:N0}  {3,5:F1} %  {4:F1}/s  {5}",
            _stage, done, _total, _total == 0 ? 100 : 100.0 * done / _total, rate,
            final ? $"done in {_clock.Elapsed:h\\:mm\\:ss}" : $"ETA {eta:h\\:mm\\:ss}");
        lock (_output)
        {
            if (_terminal) _output.Write("\r" + line.PadRight(78) + (final ? "\n" : ""));
            else _output.WriteLine(line);
        }
    }

    public void Dispose()
    {
        _clock.Stop();
        _timer?.Dispose();
        Write(final: true);
    }
}
