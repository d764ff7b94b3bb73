using System.ComponentModel.DataAnnotations;

namespace NewsIngest.Core.Configuration;

/// <summary>Politeness across instances (see <see cref="Politeness.SharedHostGate"/>): bound from <c>NewsIngest:SharedPoliteness</c>.</summary>
public sealed class SharedPolitenessOptions
{
    public const string SectionName = "NewsIngest:SharedPoliteness";

    /// <summary>
    /// On: <see cref="FetchOptions.PerHostConcurrency"/> and the per-host spacing hold for all instances together, through one
    /// row per host in the <c>HostLeases</c> table (two table requests per page when one instance has the host to itself).
    /// Off: they hold per process. infra/main.bicep turns it on, because the cloud app scales out; it is off by default,
    /// because a local run (<c>func start</c>, the CLI) is one process and Azurite would only add latency.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// How long an instance waits before it looks again at a host whose every slot is held by other instances. Each look is one
    /// table read; 250 ms costs at most four reads a second per waiting host, and a slot is rarely freed sooner.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan BusyPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A slot is held at most <see cref="FetchOptions.TotalTimeout"/> plus this margin after its start, so an instance that dies
    /// holding one blocks the host for that long at worst, never for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseMargin { get; init; } = TimeSpan.FromSeconds(30);
}
