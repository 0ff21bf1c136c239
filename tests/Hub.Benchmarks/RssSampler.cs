using System.Diagnostics;

namespace Hub.Benchmarks;

/// <summary>Samples another process's resident set every 200 ms until disposed and keeps the peak.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public RssSampler(int processId)
    {
        _loop = Task.Run(async () =>
        {
            using var process = Process.GetProcessById(processId);
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                await Task.Delay(200);
            }
        });
    }

    public double PeakMiB => _peak / 1048576.0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
