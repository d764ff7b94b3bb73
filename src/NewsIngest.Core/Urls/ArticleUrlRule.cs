namespace NewsIngest.Core.Urls;

/// <summary>
/// Decides an article's <c>url</c>, which a page may not choose freely: a hostile or broken page's rel=canonical could
/// otherwise name a <c>javascript:</c> URL, another site, or an article already stored (docs/storage.md#the-article-url).
/// </summary>
/// <remarks>
/// A fetched page's URL is where it was fetched from, canonicalised; its canonical link (or og:url) may only refine that —
/// an http(s) URL on the same site (<see cref="SiteDomain"/>), itself canonicalised. A page dropped by hand has no fetch URL,
/// so its first absolute http(s) canonical link or og:url is kept as written, and nothing else.
/// </remarks>
public static class ArticleUrlRule
{
    /// <param name="fetchedUrl">Where the page was fetched from; null for a page dropped by hand.</param>
    /// <param name="declared">What the page says of itself, strongest first: rel=canonical, then og:url.</param>
    /// <returns>The article's URL, or null for a dropped page that names no usable one.</returns>
    public static string? Resolve(Uri? fetchedUrl, IEnumerable<string?> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        if (fetchedUrl is not null && !UrlCanonicalizer.IsHttp(fetchedUrl))
        {
            fetchedUrl = null;
        }

        foreach (var candidate in declared)
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            if (fetchedUrl is null)
            {
                if (Uri.TryCreate(candidate.Trim(), UriKind.Absolute, out var absolute) && UrlCanonicalizer.IsHttp(absolute))
                {
                    return absolute.OriginalString;
                }
            }
            else if (Uri.TryCreate(fetchedUrl, candidate.Trim(), out var resolved) && SiteDomain.AreSameSite(fetchedUrl, resolved))
            {
                return UrlCanonicalizer.Canonicalize(resolved).AbsoluteUri;
            }
        }

        return fetchedUrl is null ? null : UrlCanonicalizer.Canonicalize(fetchedUrl).AbsoluteUri;
    }
}
