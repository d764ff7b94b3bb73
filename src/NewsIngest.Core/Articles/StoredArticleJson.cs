namespace NewsIngest.Core.Articles;

/// <summary>
/// The JSON of an article as stored in the <c>articles</c> container: the article's fields preceded by the version
/// stamps of <see cref="ArticleSchema"/>. Deterministic — no timestamps — so parsing one raw page twice writes the same bytes.
/// </summary>
public static class StoredArticleJson
{
    public static string Serialize(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var node = ArticleJson.ToNode(article);
        node.Insert(0, ArticleSchema.SchemaVersionProperty, ArticleSchema.SchemaVersion);
        node.Insert(1, ArticleSchema.ExtractorVersionProperty, ArticleSchema.ExtractorVersion);
        return node.ToJsonString(ArticleJson.Indented);
    }
}
