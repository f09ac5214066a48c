using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace RorNational.IntegrationTests.Infrastructure;

/// <summary>
/// The built host (RorNational.Host.dll) run as its own process, as <c>build/run</c> runs it:
/// environment Development, Kestrel on a free loopback port, the development key, on the
/// database given. For what the in-process test server cannot show: restarts, several nodes
/// on one database, a process killed. Disposing it kills the process if it still runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote on stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the host on this database and waits until /health/ready answers 200.</summary>
    /// <param name="settings">Configuration as environment variables (e.g. <c>Access__AnonymousProfile</c>), applied last.</param>
    public static async Task<HostProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = HostBinaries();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "RorNational.Host.dll"));
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__RorNational"] = connectionString;
        start.Environment["Access__ClientsFile"] = Path.Combine(TestPostgres.RepositoryRoot(), "samples", "clients.json");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var host = new HostProcess(new Process { StartInfo = start }, baseAddress);
        host._process.OutputDataReceived += (_, line) => host.Append(line.Data);
        host._process.ErrorDataReceived += (_, line) => host.Append(line.Data);
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
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the host stopped during start-up (exit code {_process.ExitCode}):\n{Output}");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the host was not ready after {ReadyTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>
    /// The host's own build output, of the same configuration as the tests (the solution build
    /// makes both): run from the test binaries, JasperFx would scan the test assemblies.
    /// </summary>
    private static string HostBinaries()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var directory = Path.Combine(TestPostgres.RepositoryRoot(), "src", "RorNational.Host", "bin", framework.Parent!.Name, framework.Name);
        return File.Exists(Path.Combine(directory, "RorNational.Host.dll"))
            ? directory
            : throw new InvalidOperationException($"{directory} holds no RorNational.Host.dll: build the solution first");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
