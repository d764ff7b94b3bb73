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

    /// <summary>A blob name holds at most 1,024 characters.</summary>
    public const int MaxBlobNameLength = 1024;

    private const string JsonExtension = ".json";

    /// <summary>
    /// The article JSON blob of a raw page: the same name with <c>.json</c> added. A raw name too long for that (over 1,019
    /// characters) keeps its first characters, then <c>~</c>, the SHA-256 of the whole name and <c>.json</c>: 1,024 characters.
    /// </summary>
    public static string ArticleBlobFor(string rawPageName)
    {
        ArgumentNullException.ThrowIfNull(rawPageName);
        if (rawPageName.Length + JsonExtension.Length <= MaxBlobNameLength)
        {
            return rawPageName + JsonExtension;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawPageName)));
        var keep = MaxBlobNameLength - 1 - hash.Length - JsonExtension.Length;
        keep = char.IsHighSurrogate(rawPageName[keep - 1]) ? keep - 1 : keep;
        return $"{rawPageName[..keep]}~{hash}{JsonExtension}";
    }
}
