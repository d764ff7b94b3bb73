using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Politeness;

/// <summary>
/// Per-host politeness for the whole app, however many instances run: one <see cref="HostLeaseRow"/> per host in the
/// <c>HostLeases</c> table holds the next allowed start and <see cref="FetchOptions.PerHostConcurrency"/> slots. A request
/// books a free slot and the next start in one ETag-conditional replace, so of two instances booking at once exactly one
/// wins and the other reads the row again and books after it; then it waits for its start.
/// </summary>
/// <remarks>
/// Cost: an instance keeps the row (and its ETag) it last wrote, so when no other instance wrote in between, booking and
/// releasing are one table request each. Every write by another instance costs one read and one retried write; waiting for a
/// slot held elsewhere costs one read per <see cref="SharedPolitenessOptions.BusyPollInterval"/>. Starts are compared with
/// each instance's clock, so instances' clock skew (NTP keeps Azure hosts within milliseconds) narrows the spacing by as much.
/// </remarks>
public sealed partial class SharedHostGate : IDisposable
{
    private const int ReleaseAttempts = 5;

    private readonly TableClient _table;
    private readonly SharedPolitenessOptions _options;
    private readonly FetchOptions _fetch;
    private readonly TimeProvider _time;
    private readonly ILogger<SharedHostGate> _logger;
    private readonly ConcurrentDictionary<string, HostLeaseRow> _lastWritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _booking = new(StringComparer.Ordinal);
    private readonly TableCreation _creation;

    public SharedHostGate(
        StorageAccount account,
        IOptions<SharedPolitenessOptions> options,
        IOptions<FetchOptions> fetch,
        TimeProvider time,
        ILogger<SharedHostGate> logger)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fetch);
        _table = account.Tables.GetTableClient(StorageNames.HostLeasesTable);
        _creation = new TableCreation(_table);
        _options = options.Value;
        _fetch = fetch.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Whether <see cref="HostThrottle"/> goes through this gate (<see cref="SharedPolitenessOptions.Enabled"/>).</summary>
    public bool IsEnabled => _options.Enabled;

    /// <summary>Books a slot of <paramref name="host"/> and a start at least <paramref name="spacing"/> after the last booked one, then waits for that start.</summary>
    public async Task<SharedHostLease> AcquireAsync(string host, TimeSpan spacing, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var key = host.ToLowerInvariant();
        var leaseId = Guid.NewGuid().ToString("N");
        var hold = _fetch.TotalTimeout + _options.LeaseMargin;
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // One booking per host at a time in this instance: its other requests queue here rather than each polling the table
        // and losing ETag races to each other.
        var booking = _booking.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await booking.WaitAsync(cancellationToken).ConfigureAwait(false);
        long start;
        int slot;
        try
        {
            (start, slot) = await BookAsync(key, leaseId, spacing, hold, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            booking.Release();
        }

        var lease = new SharedHostLease(this, key, slot, leaseId, new DateTimeOffset(start, TimeSpan.Zero));
        var wait = TimeSpan.FromTicks(start - _time.GetUtcNow().UtcTicks);
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancelled while waiting for its start: give the slot back now rather than when it expires.
                lease.Dispose();
                throw;
            }
        }

        return lease;
    }

    public void Dispose()
    {
        _creation.Dispose();
        foreach (var booking in _booking.Values)
        {
            booking.Dispose();
        }
    }

    /// <summary>Writes a booking of a free slot and the next start into the host's row; returns the start and the slot.</summary>
    private async Task<(long Start, int Slot)> BookAsync(string key, string leaseId, TimeSpan spacing, TimeSpan hold, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await CurrentAsync(key, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow().UtcTicks;
            var slot = row.FreeSlot(now);
            if (slot < 0)
            {
                // Every slot is held, most likely by other instances: only a fresh read shows one given back.
                _lastWritten.TryRemove(key, out _);
                var untilExpiry = TimeSpan.FromTicks(Math.Max(row.EarliestExpiryTicks - now, 0));
                await Task.Delay(untilExpiry < _options.BusyPollInterval ? untilExpiry : _options.BusyPollInterval, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var start = Math.Max(now, row.NextStartTicks);
            if (await TryWriteAsync(row.Book(slot, leaseId, start, spacing.Ticks, start + hold.Ticks), cancellationToken).ConfigureAwait(false))
            {
                return (start, slot);
            }
        }
    }

    /// <summary>Frees the lease's slot unless it expired and another lease took it; never throws (the slot expires anyway).</summary>
    internal async Task ReleaseAsync(SharedHostLease lease)
    {
        try
        {
            for (var attempt = 0; attempt < ReleaseAttempts; attempt++)
            {
                var row = await CurrentAsync(lease.Host, CancellationToken.None).ConfigureAwait(false);
                if (lease.Slot >= row.Slots.Count || row.Slots[lease.Slot].Owner != lease.Id)
                {
                    return;
                }

                if (await TryWriteAsync(row.Release(lease.Slot), CancellationToken.None).ConfigureAwait(false))
                {
                    return;
                }
            }

            LogReleaseGaveUp(_logger, lease.Host, ReleaseAttempts);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            // AggregateException: the storage client's retries all failed.
            LogReleaseFailed(_logger, lease.Host, ex);
        }
    }

    /// <summary>The row as this instance last wrote it when it has it (no request), else as stored (one read), else created.</summary>
    private async Task<HostLeaseRow> CurrentAsync(string host, CancellationToken cancellationToken)
    {
        if (_lastWritten.TryGetValue(host, out var known))
        {
            return known;
        }

        var (partition, rowKey) = HostLeaseRow.Keys(host);
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stored.HasValue)
        {
            return HostLeaseRow.FromEntity(stored.Value!, _fetch.PerHostConcurrency);
        }

        var empty = HostLeaseRow.Empty(host, _fetch.PerHostConcurrency);
        try
        {
            var added = await _table.AddEntityAsync(empty.ToEntity(), cancellationToken).ConfigureAwait(false);
            return empty with { ETag = added.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another instance created it first: read theirs.
            return await CurrentAsync(host, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the row if nobody wrote it since it was read; false (and the cached row dropped) when somebody did.</summary>
    private async Task<bool> TryWriteAsync(HostLeaseRow row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(row.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            _lastWritten[row.Host] = row with { ETag = response.Headers.ETag ?? default };
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            _lastWritten.TryRemove(row.Host, out _);
            return false;
        }
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back a slot of {Host} after {Attempts} tries; it frees itself when its lease expires")]
    private static partial void LogReleaseGaveUp(ILogger logger, string host, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back a slot of {Host}; it frees itself when its lease expires")]
    private static partial void LogReleaseFailed(ILogger logger, string host, Exception exception);
}
