using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// Date parsing: machine dates (ISO 8601 and RFC forms from meta tags, JSON-LD, datetime attributes) keep the
/// offset they carry; visible French and English dates ("11/05/2017 à 13h47", "11 mai 2017", "May 11, 2017") are
/// read as wall-clock time with the page's known offset if any, else +00:00. Relative texts never yield a date.
/// </summary>
internal static partial class DateText
{
    /// <summary>htmldate's plausibility window: earlier dates are noise (copyright years, placeholders).</summary>
    private static readonly DateTimeOffset Earliest = new(1995, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static readonly string[] MachineFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd", "yyyyMMdd'T'HHmmssK", "yyyyMMdd",
        "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "ddd, d MMM yyyy HH:mm:ss 'GMT'",
    ];

    /// <summary>Parses a machine-readable date; null when it isn't one or is implausible.</summary>
    public static DateTimeOffset? ParseMachine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        text = TrailingCompactOffset().Replace(text, "$1:$2");
        if (DateTimeOffset.TryParseExact(text, MachineFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            || (text.Length >= 10 && char.IsAsciiDigit(text[0]) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed)))
        {
            return Plausible(parsed);
        }

        return ParseVisible(text, english: true, (TimeSpan?)null);
    }

    /// <summary>Finds the first absolute date in visible text, read as wall-clock time with a fixed offset; null for relative or absent dates.</summary>
    public static DateTimeOffset? ParseVisible(string text, bool english, TimeSpan? offset) =>
        ParseVisible(text, english, _ => offset ?? TimeSpan.Zero);

    /// <summary>Finds the first absolute date in visible text; <paramref name="offsetFor"/> gives the offset of the wall-clock time.</summary>
    public static DateTimeOffset? ParseVisible(string text, bool english, Func<DateTime, TimeSpan> offsetFor)
    {
        // Every pattern needs digits: most short lines have none and skip the four scans.
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300 || !HasDigit(text))
        {
            return null;
        }

        var o = offsetFor;
        var m = NumericDate().Match(text);
        if (m.Success)
        {
            var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
            var (day, month) = english && a <= 12 && b > 12 ? (b, a) : english && a <= 12 && b <= 12 ? (b, a) : (a, b);
            if (day > 12 && month > 12)
            {
                return null;
            }

            if (month > 12)
            {
                (day, month) = (month, day);
            }

            return Build(Year(m.Groups["y"].Value), month, day, m.Groups["h"].Value, m.Groups["min"].Value, null, o);
        }

        m = IsoDate().Match(text);
        if (m.Success)
        {
            return Build(Year(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), m.Groups["h"].Value, m.Groups["min"].Value, null, o);
        }

        m = DayMonthYear().Match(text);
        if (m.Success && Months.TryGetValue(MonthKey(m.Groups["mon"].Value), out var mon1))
        {
            return Build(Year(m.Groups["y"].Value), mon1, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), m.Groups["h"].Value, m.Groups["min"].Value, m.Groups["ampm"].Value, o);
        }

        m = MonthDayYear().Match(text);
        if (m.Success && Months.TryGetValue(MonthKey(m.Groups["mon"].Value), out var mon2))
        {
            return Build(Year(m.Groups["y"].Value), mon2, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), m.Groups["h"].Value, m.Groups["min"].Value, m.Groups["ampm"].Value, o);
        }

        return null;
    }

    /// <summary>Whether the text has a char that regex \d matches (any Unicode decimal digit).</summary>
    private static bool HasDigit(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('0', '9') >= 0)
        {
            return true;
        }

        if (System.Text.Ascii.IsValid(text))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c > '\u007F' && char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int Year(string y) => int.Parse(y, CultureInfo.InvariantCulture) is var v && v < 100 ? 2000 + v : v;

    private static string MonthKey(string month) => month.ToLowerInvariant().TrimEnd('.');

    private static DateTimeOffset? Build(int year, int month, int day, string hour, string minute, string? ampm, Func<DateTime, TimeSpan> offsetFor)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
        {
            return null;
        }

        var h = hour.Length > 0 ? int.Parse(hour, CultureInfo.InvariantCulture) : 0;
        var mi = minute.Length > 0 ? int.Parse(minute, CultureInfo.InvariantCulture) : 0;
        if (!string.IsNullOrEmpty(ampm))
        {
            var pm = ampm.StartsWith('p') || ampm.StartsWith('P');
            h = (h % 12) + (pm ? 12 : 0);
        }

        if (h > 23 || mi > 59)
        {
            h = 0;
            mi = 0;
        }

        try
        {
            var local = new DateTime(year, month, day, h, mi, 0, DateTimeKind.Unspecified);
            return Plausible(new DateTimeOffset(local, offsetFor(local)));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Plausible(DateTimeOffset value) =>
        value >= Earliest && value <= DateTimeOffset.UtcNow.AddDays(2) ? value : null;

    private static Dictionary<string, int> BuildMonths()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        string[][] names =
        [
            ["janvier", "janv", "january", "jan"], ["février", "fevrier", "févr", "fevr", "fév", "fev", "february", "feb"],
            ["mars", "march", "mar"], ["avril", "avr", "april", "apr"], ["mai", "may"], ["juin", "june", "jun"],
            ["juillet", "juil", "july", "jul"], ["août", "aout", "august", "aug"], ["septembre", "sept", "sep", "september"],
            ["octobre", "oct", "october"], ["novembre", "nov", "november"], ["décembre", "decembre", "déc", "dec", "december"],
        ];
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                map[name] = i + 1;
            }
        }

        return map;
    }

    private const string MonthAlternation = "janvier|janv\\.?|février|fevrier|févr\\.?|fevr\\.?|fév\\.?|fev\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|août|aout|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|décembre|decembre|déc\\.?|dec\\.?|january|jan\\.?|february|feb\\.?|march|mar\\.?|april|apr\\.?|may|june|jun\\.?|july|jul\\.?|august|aug\\.?|september|sep\\.?|october|november|december";

    private const string TimePart = @"(?:\s*(?:à|a|at|,|-|–|\|)?\s*(?<h>\d{1,2})\s*(?:h|H|:)\s*(?<min>\d{2})?(?:\s*(?<ampm>[ap]\.?m\.?))?)?";

    [GeneratedRegex(@"(?<![\d/.])(?<a>\d{1,2})[/.\-](?<b>\d{1,2})[/.\-](?<y>\d{4}|\d{2})(?![\d/.])(?:\s*(?:à|a|at|,|-|–|\|)?\s*(?<h>\d{1,2})\s*(?:h|H|:)\s*(?<min>\d{2})?)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})-(?<m>\d{2})-(?<d>\d{2})(?:[T ](?<h>\d{2}):(?<min>\d{2}))?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})(?:er|st|nd|rd|th)?\s+(?<mon>" + MonthAlternation + @")\s+(?<y>(?:19|20)\d{2})" + TimePart, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(?<mon>" + MonthAlternation + @")\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})" + TimePart, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingCompactOffset();
}
