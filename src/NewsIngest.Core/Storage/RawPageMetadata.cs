using System.Text;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Bounds and cleans the values a response gives us before they become blob metadata or blob headers: storage refuses
/// non-ASCII and control characters in headers, and the whole request when metadata passes 8 KB (a 9 KB <c>Content-Type</c>
/// made the upload fail with 431). Whatever a server sends, the page is stored.
/// </summary>
public static class RawPageMetadata
{
    /// <summary>Longest text value kept (a Content-Type): real ones are under 100 characters.</summary>
    public const int MaxTextLength = 256;

    /// <summary>Longest URL kept: 2,048 characters, as browsers and CDNs commonly cap URLs. Three URLs at most stay far below 8 KB.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Printable ASCII only, control characters and line breaks dropped, at most <see cref="MaxTextLength"/> characters; null when nothing is left.</summary>
    public static string? Text(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var clean = new StringBuilder(Math.Min(value.Length, MaxTextLength));
        foreach (var c in value)
        {
            if (clean.Length == MaxTextLength)
            {
                break;
            }

            if (c is >= ' ' and <= '~')
            {
                clean.Append(c);
            }
        }

        var text = clean.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// The URL in its ASCII spelling (punycode host, percent-encoded path), or null when longer than <see cref="MaxUrlLength"/>:
    /// a cut URL would name another page, so it is better left out.
    /// </summary>
    public static string? Url(Uri? url)
    {
        if (url is null)
        {
            return null;
        }

        var ascii = url.IsAbsoluteUri && url.Host != url.IdnHost
            ? new UriBuilder(url) { Host = url.IdnHost }.Uri.AbsoluteUri
            : url.AbsoluteUri;
        return ascii.Length <= MaxUrlLength && ascii.All(c => c is >= '!' and <= '~') ? ascii : null;
    }
}
