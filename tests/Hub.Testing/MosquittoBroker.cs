using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Hub.Testing;

/// <summary>
/// A real mosquitto on a free 127.0.0.1 port, with its config, persistence and dynamic-security file in a folder of its
/// own. Anonymous clients are refused; the dynsec admin is <see cref="AdminUser"/>, the account the hub logs in with.
/// It can be stopped and started again on the same port, with its persisted sessions, to test broker restarts.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string AdminUser = "hub";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);

    private readonly TempFolder _folder = new("mosquitto");
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private MosquittoBroker(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string AdminPassword { get; } = "dynsec-" + Guid.NewGuid().ToString("N")[..16];

    public string ConfigPath => _folder.Combine("mosquitto.conf");

    public string DynamicSecurityPath => _folder.Combine("dynamic-security.json");

    /// <summary>Everything mosquitto logged, across restarts.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Settings that point the hub at this broker instead of its embedded one, logged in as the dynsec admin.</summary>
    public IReadOnlyDictionary<string, string?> HubSettings => new Dictionary<string, string?>
    {
        ["Mqtt:Broker:Enabled"] = "false",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:Username"] = AdminUser,
        ["Mqtt:Password"] = AdminPassword,
        ["Mqtt:AccountStore"] = "MosquittoDynamicSecurity",
        ["Mqtt:Link:ReconnectSeconds"] = "1",
    };

    public static string BinaryPath => Environment.GetEnvironmentVariable("MOSQUITTO_PATH") is { Length: > 0 } path ? path : "/usr/sbin/mosquitto";

    /// <summary>Debian's path first, then the one of the upstream image and of source builds.</summary>
    public static string PluginPath =>
        new[]
        {
            Environment.GetEnvironmentVariable("MOSQUITTO_DYNSEC_PLUGIN"),
            "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so",
            "/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so",
            "/usr/lib/mosquitto_dynamic_security.so",
            "/usr/local/lib/mosquitto_dynamic_security.so",
        }.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "mosquitto's dynamic-security plugin is not installed: run tests/run.sh (it installs the mosquitto package) " +
            "or set MOSQUITTO_DYNSEC_PLUGIN.");

    public static async Task<MosquittoBroker> StartAsync()
    {
        var broker = new MosquittoBroker(FreePort.Next());
        try
        {
            await broker.InitialiseAsync();
            await broker.StartProcessAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops mosquitto the way a service manager does (SIGTERM), so it writes its persistence file first.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Signal(_process.Id, "TERM");
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts mosquitto again on the same port with the same files, as after a broker restart.</summary>
    public Task StartAgainAsync() => _process is null ? StartProcessAsync() : throw new InvalidOperationException("mosquitto is running");

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _folder.Dispose();
    }

    private async Task InitialiseAsync()
    {
        // mosquitto_ctrl writes the plugin's file with a salted hash of the admin password, as an operator would.
        var init = await RunAsync("mosquitto_ctrl", "dynsec", "init", DynamicSecurityPath, AdminUser, AdminPassword);
        if (!File.Exists(DynamicSecurityPath))
        {
            throw new InvalidOperationException($"mosquitto_ctrl dynsec init failed: {init}");
        }

        var config = string.Join('\n',
            "per_listener_settings false",
            "allow_anonymous false",
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "persistence true",
            $"persistence_location {_folder.Path}/",
            "queue_qos0_messages true",
            "max_queued_messages 100000",
            $"plugin {PluginPath}",
            $"plugin_opt_config_file {DynamicSecurityPath}",
            // Run as root (CI containers), mosquitto would switch to the 'mosquitto' user, who cannot write this folder.
            $"user {Environment.UserName}",
            // stderr, because stdout is block-buffered into a pipe and the "running" line would arrive late.
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "");
        await File.WriteAllTextAsync(ConfigPath, config);
    }

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ConfigPath);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            if (line.Contains(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Exited += (_, _) => running.TrySetException(new InvalidOperationException(
            $"mosquitto exited with {process.ExitCode}:\n{string.Join('\n', _output.TakeLast(20))}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await running.Task.WaitAsync(StartDeadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"mosquitto did not start within {StartDeadline}:\n{string.Join('\n', _output)}", ex);
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        kill.WaitForExit();
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        return await output + await errors;
    }
}
