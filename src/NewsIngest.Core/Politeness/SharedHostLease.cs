namespace NewsIngest.Core.Politeness;

/// <summary>
/// A slot of one host held in the <c>HostLeases</c> table from <see cref="Start"/>. Disposing gives it back in the background:
/// the caller (the HTTP pipeline) must not wait for a table write, and a lost release only keeps the slot until it expires.
/// </summary>
public sealed class SharedHostLease : IDisposable
{
    private readonly SharedHostGate _gate;
    private int _released;

    internal SharedHostLease(SharedHostGate gate, string host, int slot, string id, DateTimeOffset start)
    {
        _gate = gate;
        Host = host;
        Slot = slot;
        Id = id;
        Start = start;
    }

    public string Host { get; }

    public int Slot { get; }

    /// <summary>Unique per lease: a release frees the slot only while this lease still holds it.</summary>
    public string Id { get; }

    /// <summary>The start time booked for this request: at least the host's spacing after the previous booked start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gives the slot back; the returned task completes when the table says so (or the release gave up).</summary>
    public Task ReleaseAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? _gate.ReleaseAsync(this) : Task.CompletedTask;

    public void Dispose() => _ = ReleaseAsync();
}
