using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// The built host (RorNational.Host.dll) run as its own process, as <c>build/run</c> runs it:
/// environment Development, Kestrel on a loopback port of its own choosing (port 0: the address
/// is read from its "Now listening on" line, so two processes never race for a port), the
/// development key, on the database given. For what the in-process test server cannot show: restarts, several nodes
/// on one database, a process killed. Disposing it kills the process if it still runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private const string ListeningLine = "Now listening on: ";
    private const string NodeLine = "This process is Wolverine node ";

    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Guid> _node = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _sinceStart = new();

    private HostProcess(Process process) => _process = process;

    /// <summary>Where the process listens, as it logged it.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>This process's id in Wolverine's node tables (<c>wolverine_nodes</c>, <c>wolverine_node_assignments</c>), as it logged it.</summary>
    public Guid NodeId { get; private set; }

    /// <summary>From the process start to the first 200 of /health/ready.</summary>
    public TimeSpan TimeToReady { get; private set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote on stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the host on this database and waits until /health/ready answers 200.</summary>
    /// <param name="settings">Configuration as environment variables (e.g. <c>Access__AnonymousProfile</c>), applied last.</param>
    /// <param name="hostDirectory">The folder of RorNational.Host.dll; by default the solution's build of the tests' configuration.</param>
    public static async Task<HostProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null,
        string? hostDirectory = null)
    {
        var directory = hostDirectory ?? HostBinaries();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "RorNational.Host.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__RorNational"] = connectionString;
        start.Environment["Access__ClientsFile"] = Path.Combine(TestPostgres.RepositoryRoot(), "samples", "clients.json");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__LogLevel__RorNational.Host.Nodes"] = "Information";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var host = new HostProcess(new Process { StartInfo = start });
        host._process.OutputDataReceived += (_, line) => host.Append(line.Data);
        host._process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        host._sinceStart.Start();
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReady();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>An HTTP client to this process, sending this bearer token if any.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Stops the process as Ctrl-C would (SIGTERM), and kills it if it has not exited in time.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await signal.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or <c>kill -9</c> would.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(StopTimeout);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReady()
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!_listening.Task.IsCompleted)
        {
            if (_process.HasExited) throw StoppedDuringStartUp();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the host did not listen after {ReadyTimeout.TotalSeconds} s:\n{Output}");
            await Task.WhenAny(_listening.Task, Task.Delay(100));
        }
        BaseAddress = await _listening.Task;
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw StoppedDuringStartUp();
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    TimeToReady = _sinceStart.Elapsed;
                    await Task.WhenAny(_node.Task, Task.Delay(TimeSpan.FromSeconds(5)));
                    NodeId = _node.Task.IsCompleted ? _node.Task.Result : throw new InvalidOperationException($"the host did not log its node id:\n{Output}");
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the host was not ready after {ReadyTimeout.TotalSeconds} s:\n{Output}");
    }

    private InvalidOperationException StoppedDuringStartUp()
    {
        // HasExited can be true before the last lines are read: the parameterless WaitForExit
        // also waits for both redirected streams to reach their end.
        _process.WaitForExit();
        return new($"the host stopped during start-up (exit code {_process.ExitCode}):\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.IndexOf(ListeningLine, StringComparison.Ordinal) is var at and >= 0
            && Uri.TryCreate(line[(at + ListeningLine.Length)..].Trim(), UriKind.Absolute, out var address))
            _listening.TrySetResult(address);
        if (line.IndexOf(NodeLine, StringComparison.Ordinal) is var node and >= 0
            && Guid.TryParse(line[(node + NodeLine.Length)..].Trim(), out var nodeId))
            _node.TrySetResult(nodeId);
    }

    /// <summary>
    /// The host's own build output, of the same configuration as the tests (the solution build
    /// makes both): run from the test binaries, JasperFx would scan the test assemblies.
    /// </summary>
    public static string HostBinaries()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var directory = Path.Combine(TestPostgres.RepositoryRoot(), "src", "RorNational.Host", "bin", framework.Parent!.Name, framework.Name);
        return File.Exists(Path.Combine(directory, "RorNational.Host.dll"))
            ? directory
            : throw new InvalidOperationException($"{directory} holds no RorNational.Host.dll: build the solution first");
    }
}
