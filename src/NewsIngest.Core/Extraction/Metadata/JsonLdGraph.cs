using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// All JSON-LD objects of a page, flattened (arrays, @graph, mainEntity), with the article node picked out.
/// Tolerates CDATA and comment wrappers, raw control characters and trailing commas; a block that still fails is skipped.
/// </summary>
internal sealed class JsonLdGraph
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "NewsArticle", "Article", "BlogPosting", "LiveBlogPosting", "Report", "TechArticle", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "ScholarlyArticle",
        "SocialMediaPosting", "AdvertiserContentArticle", "SatiricalArticle", "Review", "VideoObject",
    };

    public JsonLdGraph(IEnumerable<string> blocks)
    {
        foreach (var block in blocks)
        {
            var node = TryParse(block);
            if (node is not null)
            {
                Flatten(node, 0);
            }
        }

        Article = Nodes.FirstOrDefault(n => HasType(n, t => ArticleTypes.Contains(t) && t != "VideoObject"))
            ?? Nodes.FirstOrDefault(n => HasType(n, ArticleTypes.Contains))
            ?? Nodes.FirstOrDefault(n => n["datePublished"] is not null);
    }

    public List<JsonObject> Nodes { get; } = [];

    /// <summary>The article node (NewsArticle or a subtype, else any node with a datePublished), or null.</summary>
    public JsonObject? Article { get; }

    public JsonObject? FirstOfType(string type) => Nodes.FirstOrDefault(n => HasType(n, t => t.Equals(type, StringComparison.OrdinalIgnoreCase)));

    /// <summary>A property as text: a string, a number, the "name" (or "@id") of an object, or the first of an array.</summary>
    public static string? Text(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value:
                return value.TryGetValue<string>(out var s) ? Clean(s) : value.ToJsonString();
            case JsonObject obj:
                return Text(obj["name"]) ?? Text(obj["url"]) ?? Text(obj["@id"]);
            case JsonArray array:
                foreach (var item in array)
                {
                    var text = Text(item);
                    if (text is not null)
                    {
                        return text;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Every text value of a property (arrays expanded).</summary>
    public static IEnumerable<string> Texts(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                var text = Text(item);
                if (text is not null)
                {
                    yield return text;
                }
            }
        }
        else if (Text(node) is { } single)
        {
            yield return single;
        }
    }

    public static bool HasType(JsonObject node, Func<string, bool> predicate)
    {
        foreach (var type in Texts(node["@type"]))
        {
            if (predicate(type))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Clean(string s)
    {
        var trimmed = System.Net.WebUtility.HtmlDecode(s).Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static JsonNode? TryParse(string raw)
    {
        var text = raw.Trim();
        text = text.Replace("<![CDATA[", string.Empty, StringComparison.Ordinal).Replace("]]>", string.Empty, StringComparison.Ordinal);
        text = text.Replace("<!--", string.Empty, StringComparison.Ordinal).Replace("-->", string.Empty, StringComparison.Ordinal).Trim();
        if (text.EndsWith(';'))
        {
            text = text[..^1];
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] < ' ')
            {
                chars[i] = ' ';
            }
        }

        try
        {
            return JsonNode.Parse(new string(chars), documentOptions: ParseOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Flatten(JsonNode node, int depth)
    {
        if (depth > 6)
        {
            return;
        }

        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    Flatten(item, depth + 1);
                }
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        Nodes.Add(obj);
        foreach (var key in new[] { "@graph", "mainEntity", "mainEntityOfPage" })
        {
            if (obj[key] is JsonObject or JsonArray)
            {
                Flatten(obj[key]!, depth + 1);
            }
        }
    }
}
