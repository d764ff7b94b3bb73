using System.Text;

namespace NewsIngest.Core.Urls;

/// <summary>
/// Reduces the many spellings of one article URL to one: lower-case scheme and host, no default port, no fragment,
/// no tracking parameters. The result names the stored page, so it must be stable across releases.
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "_gl",
        "xtor", "xtref", "at_medium", "at_campaign", "ref_src", "cmpid", "ocid", "share", "smid",
    };

    /// <summary>True for absolute http and https URLs, the only schemes NewsIngest fetches.</summary>
    public static bool IsHttp(Uri url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    public static Uri Canonicalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsHttp(url))
        {
            throw new ArgumentException($"Only absolute http(s) URLs can be canonicalised: {url}", nameof(url));
        }

        var builder = new UriBuilder(url)
        {
            Scheme = url.Scheme.ToLowerInvariant(),
            Host = url.IdnHost.ToLowerInvariant().TrimEnd('.'),
            Fragment = string.Empty,
            Query = CleanQuery(url.Query),
        };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    private static string CleanQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var kept = new StringBuilder();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=', 2)[0];
            if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name))
            {
                continue;
            }

            kept.Append(kept.Length == 0 ? string.Empty : "&").Append(pair);
        }

        return kept.ToString();
    }
}
