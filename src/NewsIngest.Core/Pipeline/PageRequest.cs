using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsIngest.Core.Pipeline;

/// <summary>The <c>page-requests</c> queue message: one article page to download.</summary>
public sealed record PageRequest(
    [property: JsonPropertyName("url")] Uri Url,
    [property: JsonPropertyName("feedUrl")] Uri? FeedUrl)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads a queue message; a message that is not a page request is a <see cref="JsonException"/>, never a null.</summary>
    public static PageRequest FromJson(string json) =>
        JsonSerializer.Deserialize<PageRequest>(json) is { Url: not null } request
            ? request
            : throw new JsonException("The message is not a page request: it has no url.");
}
