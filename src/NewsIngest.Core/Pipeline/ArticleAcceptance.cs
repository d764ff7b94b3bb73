using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Pipeline;

/// <summary>The one rule deciding whether an extracted article is worth storing, shared by ParsePage, reparse and the schema tests.</summary>
public static class ArticleAcceptance
{
    /// <summary>Null when the article is stored; otherwise the rejection status and reason.</summary>
    public static (string Status, string Reason)? Refusal(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return string.IsNullOrWhiteSpace(article.Body)
            ? (RejectionStatus.NoArticle, "No article text was found on the page.")
            : null;
    }
}
