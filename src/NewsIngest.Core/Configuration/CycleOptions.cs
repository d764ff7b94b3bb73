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
}
