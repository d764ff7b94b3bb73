using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The <c>page-requests</c> queue message: one article page to download, or — when a feed lists many new pages of one host —
/// a batch of them (<see cref="More"/>), so a large feed costs one queue message per <see cref="FeedPoller.BatchSize"/> pages.
/// A batch only fans in the happy path: a page of it that fails transiently is re-enqueued as a single-page message of its own,
/// which then retries and is poisoned exactly as any single-page request.
/// </summary>
public sealed record PageRequest(
    [property: JsonPropertyName("url")] Uri Url,
    [property: JsonPropertyName("feedUrl")] Uri? FeedUrl)
{
    /// <summary>Further pages of the same host and feed in one message; null for a single-page request.</summary>
    [JsonPropertyName("more")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Uri>? More { get; init; }

    /// <summary>
    /// Set on pages whose claim a poll took over after its lease: an earlier run may have stored them, so the downloader looks
    /// for the stored page (and parses it if no parse was recorded) before downloading, as on a redelivery.
    /// </summary>
    [JsonPropertyName("recheck")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Recheck { get; init; }

    /// <summary>True when this message carries more than one page.</summary>
    [JsonIgnore]
    public bool IsBatch => More is { Count: > 0 };

    /// <summary>Every page of the message as a single-page request, the first one first.</summary>
    public IReadOnlyList<PageRequest> Pages() =>
        IsBatch ? [new PageRequest(Url, FeedUrl) { Recheck = Recheck }, .. More!.Select(url => new PageRequest(url, FeedUrl) { Recheck = Recheck })] : [this];

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads a queue message; a message that is not a page request is a <see cref="JsonException"/>, never a null.</summary>
    public static PageRequest FromJson(string json) =>
        JsonSerializer.Deserialize<PageRequest>(json) is { Url: not null } request && (request.More is null || request.More.All(url => url is not null))
            ? request
            : throw new JsonException("The message is not a page request: it has no url.");
}
