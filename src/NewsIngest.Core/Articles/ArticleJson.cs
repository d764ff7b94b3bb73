using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NewsIngest.Core.Articles;

/// <summary>The one JSON shape of an article, shared by the JSON blobs, the CLI and the tests.</summary>
public static class ArticleJson
{
    /// <summary>Compact output; null fields omitted; accents and quotes kept readable rather than \u-escaped.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>The same shape, indented for people.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static string Serialize(Article article, bool indented = false) =>
        JsonSerializer.Serialize(article, indented ? Indented : Compact);

    public static Article? Deserialize(string json) => JsonSerializer.Deserialize<Article>(json, Compact);

    /// <summary>The article as a JSON object, for callers that add their own fields (the CLI adds "file").</summary>
    public static JsonObject ToNode(Article article) =>
        JsonSerializer.SerializeToNode(article, Compact)!.AsObject();

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
