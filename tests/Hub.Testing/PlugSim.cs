using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Hub.Testing;

/// <summary>
/// The firmware's POSIX build (<c>plugsim</c>) running N virtual plugs on loopback, each with its own MQTT client,
/// HTTP port and flash file. Built by tests/run.sh from device-firmware/; tests drive its fault injection over stdin.
/// </summary>
public sealed class PlugSim : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<string, Uri> _plugs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<TaskCompletionSource<string>> _replies = new();
    private readonly SemaphoreSlim _oneCommandAtATime = new(1, 1);

    private PlugSim(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
    }

    public string StateDirectory { get; }

    /// <summary>Plug topic → its HTTP base address.</summary>
    public IReadOnlyDictionary<string, Uri> Plugs => _plugs;

    public IReadOnlyCollection<string> Output => _output;

    public static string BinaryPath =>
        Environment.GetEnvironmentVariable("PLUGSIM_PATH") is { Length: > 0 } path && File.Exists(path)
            ? path
            : Path.Combine(RepoPaths.Root, "build", "firmware", "plugsim");

    public static async Task<PlugSim> StartAsync(PlugSimOptions options)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException(
                $"plugsim is not built at {BinaryPath}: run tests/run.sh (or bash device-firmware/build.sh build/firmware) first.");
        }

        var info = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        void Arg(string name, object value)
        {
            info.ArgumentList.Add(name);
            info.ArgumentList.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
        }

        Arg("--broker-host", "127.0.0.1");
        Arg("--broker-port", options.BrokerPort);
        Arg("--mqtt-user", options.User);
        Arg("--mqtt-pass", options.Password);
        Arg("--count", options.Count);
        Arg("--topic-prefix", options.TopicPrefix);
        Arg("--state-dir", options.StateDirectory);
        Arg("--power-w", options.PowerW);
        Arg("--publish-interval-s", options.PublishIntervalSeconds);
        foreach (var extra in options.ExtraArguments)
        {
            info.ArgumentList.Add(extra);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sim = new PlugSim(process, options.StateDirectory);
        process.OutputDataReceived += (_, e) => sim.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                sim._output.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => sim._ready.TrySetException(new InvalidOperationException(
            $"plugsim exited with {process.ExitCode}:\n{string.Join('\n', sim._output.TakeLast(40))}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await sim._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return sim;
    }

    /// <summary>Sends a fault-injection or control line (e.g. <c>freeze obk_000000</c>) and returns plugsim's answer.</summary>
    public async Task<string> CommandAsync(string line, TimeSpan? timeout = null)
    {
        await _oneCommandAtATime.WaitAsync();
        try
        {
            var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _replies.Enqueue(reply);
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
            var answer = await reply.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
            return answer.StartsWith("OK", StringComparison.Ordinal)
                ? answer
                : throw new InvalidOperationException($"plugsim refused '{line}': {answer}");
        }
        finally
        {
            _oneCommandAtATime.Release();
        }
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
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in the meantime.
            }

            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _oneCommandAtATime.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["PLUG", var topic, var http, ..] && http.StartsWith("http=", StringComparison.Ordinal))
        {
            _plugs[topic] = new Uri("http://" + http["http=".Length..]);
        }
        else if (parts is ["READY", ..])
        {
            _ready.TrySetResult();
        }
        else if ((parts is ["OK", ..] || parts is ["ERR", ..]) && _replies.TryDequeue(out var reply))
        {
            reply.TrySetResult(line);
        }
    }
}
