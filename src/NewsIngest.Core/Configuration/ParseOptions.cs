using System.ComponentModel.DataAnnotations;

namespace NewsIngest.Core.Configuration;

/// <summary>How raw pages are parsed: bound from <c>NewsIngest:Parse</c>.</summary>
public sealed class ParseOptions
{
    public const string SectionName = "NewsIngest:Parse";

    /// <summary>Raw pages above this size are rejected unread. Twice the fetch limit, so hand-dropped pages have some room.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024)]
    public long MaxPageBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// Pages whose markup nests deeper than this (estimated by a byte scan, see MarkupDepth) are rejected unparsed.
    /// Real article pages nest 20 to 60 levels; 1,000 leaves room for sloppy markup and stays far below what the
    /// extraction thread's stack can follow.
    /// </summary>
    [Range(64, 100_000)]
    public int MaxNestingDepth { get; init; } = 1000;

    /// <summary>
    /// Extractions running at once in this process; 0 (the default) means one per processor. Extraction is CPU-bound, so more at
    /// once than cores adds no throughput, only memory (a large page's DOM holds tens of MB): the queue trigger runs a dozen
    /// messages per instance and a 512 MB Flex instance has a quarter of a core (docs/cost.md).
    /// </summary>
    [Range(0, 256)]
    public int MaxConcurrentExtractions { get; init; }
}
