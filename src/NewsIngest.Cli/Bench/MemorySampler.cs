using System.Diagnostics;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// Samples this process's memory while a bench runs: every 20 ms the working set and the GC heap's size
/// (<see cref="GCMemoryInfo.HeapSizeBytes"/> at the last GC: what is live plus the garbage older generations still hold, so it
/// grows with the time between full collections), and every second the live managed heap, after a forced full collection
/// (<see cref="GC.GetTotalMemory(bool)"/>): what the run really holds. Peaks only. The forced collections cost the run a few
/// per cent of its time.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Samples between two forced full collections: one a second.</summary>
    private const int LiveEvery = 50;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _heapPeak;
    private long _livePeak;
    private long _workingSetPeak;

    private MemorySampler() => _sampling = SampleAsync();

    /// <summary>Peak GC heap size (live and not yet collected), in bytes.</summary>
    public long HeapPeak => Interlocked.Read(ref _heapPeak);

    /// <summary>Live managed heap once the run is over, before its services are released: what a run keeps, in bytes.</summary>
    public long LiveAfter { get; private set; }

    /// <summary>Peak live managed heap, measured after a full collection once a second, in bytes.</summary>
    public long LivePeak => Interlocked.Read(ref _livePeak);

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
        Sample(live: true);
        LiveAfter = GC.GetTotalMemory(forceFullCollection: true);
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            var samples = 0;
            do
            {
                Sample(live: ++samples % LiveEvery == 0);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample(bool live)
    {
        if (live)
        {
            Max(ref _livePeak, GC.GetTotalMemory(forceFullCollection: true));
        }

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
