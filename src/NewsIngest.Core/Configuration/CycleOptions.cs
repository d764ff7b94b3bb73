using System.ComponentModel.DataAnnotations;

namespace NewsIngest.Core.Configuration;

/// <summary>How the in-process cycle (<c>newsingest ingest</c>, the demo, the bench) works the queue: bound from <c>NewsIngest:Cycle</c>.</summary>
public sealed class CycleOptions
{
    public const string SectionName = "NewsIngest:Cycle";

    /// <summary>
    /// Page requests downloaded and parsed at once. 8 matches the Functions host's queue <c>batchSize</c> in host.json, so the CLI
    /// loads sites as one Functions instance would; the per-host politeness limits apply on top.
    /// </summary>
    [Range(1, 256)]
    public int Concurrency { get; init; } = 8;

    /// <summary>
    /// How long a received message stays hidden from other receivers: room for its wait in the per-host throttle, its retries
    /// and its parse (a batch message has a 2-minute budget). It is also how soon the message of a run that died reappears for
    /// the next run to finish, as the Functions host's own visibility timeout does after a crash.
    /// </summary>
    public TimeSpan ReceiveVisibility { get; init; } = TimeSpan.FromMinutes(10);
}
