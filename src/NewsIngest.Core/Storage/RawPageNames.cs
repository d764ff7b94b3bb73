using System.Security.Cryptography;
using System.Text;
using NewsIngest.Core.Urls;

namespace NewsIngest.Core.Storage;

/// <summary>Names raw pages and their article blobs: one stable name per canonical URL.</summary>
public static class RawPageNames
{
    /// <summary><c>{host}/{sha256 of the canonical URL}.html</c>: groups a site's pages and never collides.</summary>
    public static string ForUrl(Uri url)
    {
        var canonical = UrlCanonicalizer.Canonicalize(url);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.AbsoluteUri)));
        return $"{canonical.Host}/{hash}.html";
    }

    /// <summary>The article JSON blob of a raw page: the same name with <c>.json</c> added.</summary>
    public static string ArticleBlobFor(string rawPageName) => rawPageName + ".json";
}
