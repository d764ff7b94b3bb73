using System.Diagnostics;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// Samples this process's memory every few milliseconds while a bench runs: the managed heap as the last GC left it
/// (<see cref="GCMemoryInfo.HeapSizeBytes"/>, garbage since then excluded) and the working set. Peaks only; a sampler misses a
/// spike shorter than its interval, which a run of seconds makes unlikely to matter.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _heapPeak;
    private long _workingSetPeak;

    private MemorySampler() => _sampling = SampleAsync();

    /// <summary>Peak managed heap after a GC, in bytes.</summary>
    public long HeapPeak => Interlocked.Read(ref _heapPeak);

    /// <summary>Peak working set of the whole process (pipeline, local site and runtime), in bytes.</summary>
    public long WorkingSetPeak => Interlocked.Read(ref _workingSetPeak);

    /// <summary>Collects first, so each run starts from what is live, not from the garbage of the run before.</summary>
    public static MemorySampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new MemorySampler();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        Sample();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _heapPeak, GC.GetGCMemoryInfo().HeapSizeBytes);
        Max(ref _workingSetPeak, process.WorkingSet64);
    }

    private static void Max(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
        {
        }
    }
}
