using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Hub.Testing;

/// <summary>
/// The hub started as a real process from its build output, on loopback ports and a data folder of its own, the way a
/// user starts it. Output lines are collected so tests can wait for them.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProcess(Process process, int httpPort, int brokerPort, string workingDirectory)
    {
        _process = process;
        HttpPort = httpPort;
        BrokerPort = brokerPort;
        WorkingDirectory = workingDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
    }

    public int HttpPort { get; }

    public int BrokerPort { get; }

    public string WorkingDirectory { get; }

    public Uri BaseAddress { get; }

    public IReadOnlyCollection<string> Output => _lines;

    public Task Exited => _exited.Task;

    public int ExitCode => _process.ExitCode;

    /// <summary>For benchmarks that sample the hub's memory.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the hub in <paramref name="workingDirectory"/>; its default data folder is ./data under it.</summary>
    public static HubProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(workingDirectory, environment, FreePort.Next(), FreePort.Next());

    /// <summary>Starts the hub on given ports, e.g. again on the ports and data folder of one that was stopped.</summary>
    public static HubProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, int httpPort, int brokerPort)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.HubApiDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        info.Environment["Mqtt__Broker__Port"] = brokerPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Mqtt__Broker__BindAddress"] = "127.0.0.1";
        info.Environment["Discovery__PeriodicSsdp"] = "false";
        info.Environment.Remove("HUB_ADMIN_PASSWORD");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var hub = new HubProcess(process, httpPort, brokerPort, workingDirectory);
        process.OutputDataReceived += (_, e) => hub.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => hub.Collect(e.Data);
        process.Exited += (_, _) => hub._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hub;
    }

    /// <summary>Polls readiness until it answers 200, the process dies, or the deadline passes.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (Exited.IsCompleted)
            {
                throw new InvalidOperationException($"The hub exited with {ExitCode}:\n{string.Join('\n', _lines)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One slow answer; try again.
            }

            await Task.WhenAny(Exited, Task.Delay(200, CancellationToken.None));
        }

        throw new TimeoutException($"The hub was not ready within {timeout}:\n{string.Join('\n', _lines)}");
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
