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

    /// <summary>
    /// The blob name of a page dropped by hand: a backslash is a folder separator, as in a Windows path (and as storage already
    /// treated it: a blob named <c>a\b.html</c> came back as <c>a/b.html</c>), so <c>a\b.html</c> is stored, reported and
    /// partitioned as <c>a/b.html</c>, in the folder (site) <c>a</c>.
    /// </summary>
    public static string ForDrop(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name.Replace('\\', '/');
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
