namespace NewsIngest.Core.Urls;

/// <summary>
/// Whether two URLs belong to the same site, conservatively: no public-suffix list is available offline, so instead of the
/// registrable domain this compares hosts after removing one leading <c>www.</c>, <c>m.</c> or <c>amp.</c> label — the
/// desktop, mobile and AMP hosts of one site. <c>news.example</c>, <c>www.news.example</c> and <c>m.news.example</c> match;
/// <c>sport.news.example</c> and <c>news.example</c> do not, nor do IP addresses other than the same one.
/// </summary>
public static class SiteDomain
{
    private static readonly string[] EditionLabels = ["www.", "m.", "amp."];

    /// <summary>True when both are http(s) URLs and their hosts are the same once an edition label is removed.</summary>
    public static bool AreSameSite(Uri first, Uri second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return UrlCanonicalizer.IsHttp(first) && UrlCanonicalizer.IsHttp(second)
            && string.Equals(SiteHost(first), SiteHost(second), StringComparison.Ordinal);
    }

    private static string SiteHost(Uri url)
    {
        var host = url.IdnHost.ToLowerInvariant().TrimEnd('.');
        if (url.HostNameType != UriHostNameType.Dns)
        {
            return host;
        }

        foreach (var label in EditionLabels)
        {
            // Only when a registrable-looking name remains: "www.example" is not reduced to "example".
            if (host.StartsWith(label, StringComparison.Ordinal) && host.IndexOf('.', label.Length) > 0)
            {
                return host[label.Length..];
            }
        }

        return host;
    }
}
