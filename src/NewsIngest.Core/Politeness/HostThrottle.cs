using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;

namespace NewsIngest.Core.Politeness;

/// <summary>
/// Politeness per process: at most <see cref="FetchOptions.PerHostConcurrency"/> requests in flight to one host, starts spaced by
/// <see cref="FetchOptions.MinDelayPerHost"/> (or the host's robots.txt Crawl-delay when larger), and at most
/// <see cref="FetchOptions.GlobalConcurrency"/> in flight overall. A host's slot is taken before a global one, so a
/// crowded host never holds global slots while it waits its turn. When <see cref="SharedHostGate.IsEnabled"/>, a request also
/// waits for its host's turn across all instances (the host's limits then hold for the whole app).
/// </summary>
public sealed class HostThrottle : IDisposable
{
    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _global;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly SharedHostGate? _shared;

    public HostThrottle(IOptions<FetchOptions> options, TimeProvider time, SharedHostGate? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _global = new SemaphoreSlim(_options.GlobalConcurrency, _options.GlobalConcurrency);
        _shared = shared is { IsEnabled: true } ? shared : null;
    }

    /// <summary>Records a host's robots.txt Crawl-delay, capped by <see cref="FetchOptions.MaxCrawlDelay"/>.</summary>
    public void SetCrawlDelay(string host, TimeSpan? crawlDelay)
    {
        var state = State(host);
        lock (state)
        {
            state.CrawlDelay = crawlDelay is { } delay ? (delay < _options.MaxCrawlDelay ? delay : _options.MaxCrawlDelay) : null;
        }
    }

    /// <summary>Waits for this host's turn and a global slot; dispose the lease when the response headers are in.</summary>
    public async Task<IDisposable> AcquireAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var state = State(url.IdnHost);
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SharedHostLease? shared = null;
        try
        {
            var wait = ReserveStart(state);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            if (_shared is not null)
            {
                shared = await _shared.AcquireAsync(url.IdnHost, Spacing(state), cancellationToken).ConfigureAwait(false);
            }

            await _global.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(state.Gate, _global, shared);
        }
        catch
        {
            shared?.Dispose();
            state.Gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _global.Dispose();
        foreach (var state in _hosts.Values)
        {
            state.Gate.Dispose();
        }
    }

    /// <summary>Books the next start time for the host and says how long to wait for it.</summary>
    private TimeSpan ReserveStart(HostState state)
    {
        lock (state)
        {
            var now = _time.GetUtcNow();
            var start = state.NextStart > now ? state.NextStart : now;
            state.NextStart = start + Spacing(state);
            return start - now;
        }
    }

    private TimeSpan Spacing(HostState state)
    {
        lock (state)
        {
            return state.CrawlDelay is { } crawl && crawl > _options.MinDelayPerHost ? crawl : _options.MinDelayPerHost;
        }
    }

    private HostState State(string host) => _hosts.GetOrAdd(host, _ => new HostState(_options.PerHostConcurrency));

    private sealed class HostState(int concurrency)
    {
        public SemaphoreSlim Gate { get; } = new(concurrency, concurrency);

        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;

        public TimeSpan? CrawlDelay { get; set; }
    }

    private sealed class Lease(SemaphoreSlim host, SemaphoreSlim global, SharedHostLease? shared) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                shared?.Dispose();
                global.Release();
                host.Release();
            }
        }
    }
}
