using System.Text.Json.Serialization;

namespace NewsIngest.Core.Pipeline;

/// <summary>The counts of one full cycle; its JSON form is the last line of <c>newsingest ingest</c> (a contract).</summary>
public sealed record IngestSummary
{
    [JsonPropertyName("feeds")] public int Feeds { get; init; }
    [JsonPropertyName("notModified")] public int NotModified { get; init; }
    [JsonPropertyName("newItems")] public int NewItems { get; init; }
    [JsonPropertyName("fetched")] public int Fetched { get; init; }
    [JsonPropertyName("parsed")] public int Parsed { get; init; }
    [JsonPropertyName("rejected")] public int Rejected { get; init; }
    [JsonPropertyName("skipped")] public int Skipped { get; init; }
    [JsonPropertyName("duplicates")] public int Duplicates { get; init; }

    /// <summary>Feeds that could not be read (network, HTTP error, not a feed, refused address).</summary>
    [JsonPropertyName("failedFeeds")] public int FailedFeeds { get; init; }

    /// <summary>Pages that failed their last delivery in this cycle and went to the poison queue (<c>newsingest poison</c>).</summary>
    [JsonPropertyName("failed")] public int Failed { get; init; }

    /// <summary>Pages that failed for now and wait in the queue for a later cycle to retry them.</summary>
    [JsonPropertyName("retrying")] public int Retrying { get; init; }

    /// <summary>Feeds the private-address guard refused (see <c>--allow-private-addresses</c>).</summary>
    [JsonIgnore] public IReadOnlyList<Uri> RefusedFeeds { get; init; } = [];

    /// <summary>Names of the raw pages this cycle stored, in the order they were stored.</summary>
    [JsonIgnore] public IReadOnlyList<string> StoredPages { get; init; } = [];
}
