using System.Globalization;
using System.Text;

namespace NewsIngest.Core.Storage;

/// <summary>Table keys derived from blob names: one row per blob, with the characters tables forbid in keys escaped.</summary>
public static class TableKeys
{
    /// <summary>Dropped pages named without a folder share this partition.</summary>
    public const string UnsortedPartition = "_unsorted";

    /// <summary>The partition of a raw page: its first folder (the host, for fetched pages), so a site's rows sit together.</summary>
    public static string PartitionFor(string rawPageName)
    {
        ArgumentNullException.ThrowIfNull(rawPageName);
        var slash = rawPageName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? Encode(rawPageName[..slash]) : UnsortedPartition;
    }

    /// <summary>The row of a raw page: its whole name, escaped.</summary>
    public static string RowFor(string rawPageName) => Encode(rawPageName);

    /// <summary>Percent-escapes <c>/ \ # ?</c>, <c>%</c> itself and control characters, which table keys may not hold.</summary>
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

        return builder.ToString();
    }

    /// <summary>The <c>ArticlesByDay</c> partition of a moment: its calendar date in its own offset, <c>yyyy-MM-dd</c>, so partitions sort by date.</summary>
    public static string DayPartition(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Decode(string key) => Uri.UnescapeDataString(key ?? throw new ArgumentNullException(nameof(key)));
}
