using System.Text;
using System.Text.RegularExpressions;

namespace NewsIngest.Core.Extraction.Decoding;

/// <summary>
/// Turns raw page bytes into text. Precedence: HTTP Content-Type charset, then a byte-order mark, then the page's
/// own <c>&lt;meta charset&gt;</c> or <c>http-equiv</c> declaration (first 4 KB; a single-byte declaration on bytes
/// that are valid non-ASCII UTF-8 is overruled), then detection (a strict UTF-8 trial, else windows-1252). Labels
/// follow the WHATWG table, so "iso-8859-1" decodes as windows-1252.
/// </summary>
internal static partial class PageDecoder
{
    /// <summary>How far into the page a meta declaration is looked for (the HTML standard's pre-scan reads 1024 bytes; real pages put it later).</summary>
    private const int PrescanBytes = 4096;

    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var (encoding, skip) = ChooseEncoding(bytes, contentType);
        return encoding.GetString(bytes[skip..]);
    }

    /// <summary>The chosen encoding and the number of leading BOM bytes to skip.</summary>
    public static (Encoding Encoding, int Skip) ChooseEncoding(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var bom = DetectBom(bytes);
        var http = CharsetLabels.Resolve(CharsetOf(contentType));
        if (http is not null)
        {
            var skip = bom.Encoding is not null && bom.Encoding.CodePage == http.CodePage ? bom.Length : 0;
            return (http, skip);
        }

        if (bom.Encoding is not null)
        {
            return (bom.Encoding, bom.Length);
        }

        var declared = CharsetLabels.Resolve(DeclaredCharset(bytes));
        if (declared is not null)
        {
            // A page declaring a single-byte charset whose bytes are valid UTF-8 with multi-byte sequences was saved
            // as UTF-8 by its CMS (a stale template declaration); decoding it as declared would produce mojibake.
            if (declared.IsSingleByte && HasNonAscii(bytes) && IsValidUtf8(bytes))
            {
                return (new UTF8Encoding(false), 0);
            }

            return (declared, 0);
        }

        return (IsValidUtf8(bytes) ? new UTF8Encoding(false) : CharsetLabels.Resolve("windows-1252")!, 0);
    }

    private static (Encoding? Encoding, int Length) DetectBom(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return (new UTF8Encoding(false), 3);
        }

        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return (new UnicodeEncoding(false, false), 2);
        }

        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return (new UnicodeEncoding(true, false), 2);
        }

        return (null, 0);
    }

    private static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var m = CharsetParameter().Match(contentType);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanBytes)]);
        foreach (Match meta in MetaTag().Matches(head))
        {
            var m = CharsetParameter().Match(meta.Value);
            if (m.Success)
            {
                return m.Groups[1].Value;
            }
        }

        return null;
    }

    private static bool HasNonAscii(ReadOnlySpan<byte> bytes) => !System.Text.Ascii.IsValid(bytes);

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    [GeneratedRegex("""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex("<meta\\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaTag();
}
