using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace NewsIngest.Core.Storage;

/// <summary>Table keys derived from blob names: one row per blob, with the characters tables forbid in keys escaped.</summary>
/// <remarks>
/// A key may hold at most <see cref="MaxKeyLength"/> characters, and a blob name up to 1,024 — more once escaped (<c>/</c> becomes
/// <c>%2F</c>). A key that would be longer keeps its first characters and ends in <c>%~</c> and the SHA-256 of the whole value:
/// unique, within the limit for any name the container accepts, and never equal to the key of a shorter name, whose every
/// <c>%</c> is followed by two hex digits. Keys short enough are exactly what they always were, so stored rows stay valid.
/// </remarks>
public static class TableKeys
{
    /// <summary>Dropped pages named without a folder share this partition.</summary>
    public const string UnsortedPartition = "_unsorted";

    /// <summary>
    /// PartitionKey and RowKey may be up to 1 KiB each; counted in UTF-16, as table strings are, that is 512 characters, and
    /// Azurite refuses the 513th with 400 InvalidInput.
    /// </summary>
    public const int MaxKeyLength = 512;

    /// <summary>Marks a shortened key; an escaped value never holds it, since every <c>%</c> it writes is followed by two hex digits.</summary>
    private const string HashMarker = "%~";

    /// <summary>The SHA-256 of the whole value in hex.</summary>
    private const int HashLength = 64;

    /// <summary>The partition of a raw page: its first folder (the host, for fetched pages), so a site's rows sit together.</summary>
    public static string PartitionFor(string rawPageName)
    {
        ArgumentNullException.ThrowIfNull(rawPageName);
        var slash = rawPageName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? Encode(rawPageName[..slash]) : UnsortedPartition;
    }

    /// <summary>The row of a raw page: its whole name, escaped (and shortened past <see cref="MaxKeyLength"/>).</summary>
    public static string RowFor(string rawPageName) => Encode(rawPageName);

    /// <summary>
    /// Percent-escapes <c>/ \ # ?</c>, <c>%</c> itself and control characters, which table keys may not hold; a result longer
    /// than <see cref="MaxKeyLength"/> is shortened with a hash of <paramref name="value"/> (see the remarks).
    /// </summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Length <= MaxKeyLength ? builder.ToString() : Shorten(builder.ToString(), value);
    }

    /// <summary>The <c>ArticlesByDay</c> partition of a moment: its calendar date in its own offset, <c>yyyy-MM-dd</c>, so partitions sort by date.</summary>
    public static string DayPartition(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The value of a key that was not shortened; rows keep the full blob name in a property, which is what readers use.</summary>
    public static string Decode(string key) => Uri.UnescapeDataString(key ?? throw new ArgumentNullException(nameof(key)));

    private static string Shorten(string escaped, string value)
    {
        var keep = MaxKeyLength - HashMarker.Length - HashLength;
        // Cut before a half escape or half a surrogate pair, so the readable part stays well-formed.
        var percent = escaped.LastIndexOf('%', keep - 1, Math.Min(keep, 2));
        keep = percent >= 0 ? percent : keep;
        keep = char.IsHighSurrogate(escaped[keep - 1]) ? keep - 1 : keep;
        var hash = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(value.AsSpan())));
        return string.Concat(escaped.AsSpan(0, keep), HashMarker, hash);
    }
}
