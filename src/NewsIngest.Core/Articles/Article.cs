using System.Text.Json.Serialization;

namespace NewsIngest.Core.Articles;

/// <summary>One news article as NewsIngest stores it: the field names are a public contract.</summary>
public sealed record Article
{
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("section")] public string? Section { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("published")] public DateTimeOffset? Published { get; init; }
    [JsonPropertyName("modified")] public DateTimeOffset? Modified { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("authors")] public IReadOnlyList<string>? Authors { get; init; }
    [JsonPropertyName("siteName")] public string? SiteName { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("image")] public string? Image { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}
