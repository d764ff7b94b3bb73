namespace NewsIngest.Core.Pipeline;

/// <summary>Cheap checks on a raw page's first bytes that tell an empty or binary file from HTML before any parsing.</summary>
public static class PageSniffer
{
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47];

    private static ReadOnlySpan<byte> Utf16Le => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16Be => [0xFE, 0xFF];

    /// <summary>ASCII whitespace and a UTF-8 byte-order mark: a page of nothing else is empty, in any mix or order.</summary>
    private static ReadOnlySpan<byte> Blank => [(byte)' ', (byte)'\t', (byte)'\n', (byte)'\r', 0x0C, 0x0B, 0xEF, 0xBB, 0xBF];

    /// <summary>Null when the bytes may be HTML; otherwise the rejection status and reason.</summary>
    public static (string Status, string Reason)? Classify(ReadOnlySpan<byte> content)
    {
        if (content.TrimStart(Blank).IsEmpty)
        {
            return (RejectionStatus.Empty, "The page is empty.");
        }

        if (content.StartsWith("%PDF"u8))
        {
            return (RejectionStatus.NotHtml, "The file is a PDF document.");
        }

        if (content.StartsWith(Jpeg) || content.StartsWith(Png) || content.StartsWith("GIF8"u8))
        {
            return (RejectionStatus.NotHtml, "The file is an image.");
        }

        // UTF-16 pages carry NUL bytes too, but announce themselves with a byte-order mark.
        var head = content[..Math.Min(content.Length, 1024)];
        var isUtf16 = head.StartsWith(Utf16Le) || head.StartsWith(Utf16Be);
        if (!isUtf16 && head.Contains((byte)0))
        {
            return (RejectionStatus.NotHtml, "The file is binary, not text.");
        }

        if (!isUtf16 && head.IndexOf((byte)'<') < 0)
        {
            return (RejectionStatus.NotHtml, "The file holds no markup.");
        }

        return null;
    }
}
