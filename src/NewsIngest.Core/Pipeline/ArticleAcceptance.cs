using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Pipeline;

/// <summary>The one rule deciding whether an extracted article is worth storing, shared by ParsePage, reparse and the schema tests.</summary>
public static class ArticleAcceptance
{
    /// <summary>
    /// Below this many words a body is an article only under a headline of its own (a brief): a title-less scrap of text,
    /// such as a page reading just "hi", is not one. Ten words is about the shortest news brief's first sentence.
    /// </summary>
    public const int MinUntitledBodyWords = 10;

    /// <summary>Null when the article is stored; otherwise the rejection status and reason.</summary>
    public static (string Status, string Reason)? Refusal(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (string.IsNullOrWhiteSpace(article.Body))
        {
            return (RejectionStatus.NoArticle, "No article text was found on the page.");
        }

        if (string.IsNullOrWhiteSpace(article.Title) && CountWords(article.Body) < MinUntitledBodyWords)
        {
            return (RejectionStatus.NoArticle, $"The page has no title and fewer than {MinUntitledBodyWords} words of text: not an article.");
        }

        return null;
    }

    private static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
