using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsIngest.Core.Feeds;

/// <summary>
/// Reads the dates real feeds write: RFC 822 (RSS) with named zones, ISO 8601 (Atom, Dublin Core, sitemaps), and RFC 822
/// written in French, German, Spanish, Italian or Portuguese day and month names (a common CMS localisation bug).
/// An unreadable date is dropped, never guessed.
/// </summary>
public static partial class FeedDates
{
    /// <summary>RFC 822 zone names and the usual North American and European abbreviations; others are ambiguous (IST, CST…) and not guessed.</summary>
    private static readonly (string Zone, string Offset)[] NamedZones =
    [
        ("GMT", "+0000"), ("UTC", "+0000"), ("UT", "+0000"), ("Z", "+0000"),
        ("EST", "-0500"), ("EDT", "-0400"), ("CST", "-0600"), ("CDT", "-0500"), ("MST", "-0700"), ("MDT", "-0600"), ("PST", "-0800"), ("PDT", "-0700"),
        ("CET", "+0100"), ("CEST", "+0200"), ("MET", "+0100"), ("MEST", "+0200"), ("BST", "+0100"), ("WET", "+0000"), ("WEST", "+0100"),
        ("EET", "+0200"), ("EEST", "+0300"), ("MSK", "+0300"),
    ];

    /// <summary>Localised month names (and common abbreviations) to the English abbreviations RFC 822 uses.</summary>
    private static readonly Dictionary<string, string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["janv"] = "Jan", ["janvier"] = "Jan", ["januar"] = "Jan", ["enero"] = "Jan", ["ene"] = "Jan", ["gennaio"] = "Jan", ["gen"] = "Jan", ["janeiro"] = "Jan",
        ["févr"] = "Feb", ["fevr"] = "Feb", ["février"] = "Feb", ["fevrier"] = "Feb", ["februar"] = "Feb", ["febrero"] = "Feb", ["febbraio"] = "Feb", ["fevereiro"] = "Feb", ["fev"] = "Feb",
        ["mars"] = "Mar", ["märz"] = "Mar", ["mär"] = "Mar", ["marzo"] = "Mar", ["março"] = "Mar",
        ["avr"] = "Apr", ["avril"] = "Apr", ["abril"] = "Apr", ["abr"] = "Apr", ["aprile"] = "Apr",
        ["mai"] = "May", ["mayo"] = "May", ["maggio"] = "May", ["mag"] = "May", ["maio"] = "May",
        ["juin"] = "Jun", ["juni"] = "Jun", ["junio"] = "Jun", ["giugno"] = "Jun", ["giu"] = "Jun", ["junho"] = "Jun",
        ["juil"] = "Jul", ["juillet"] = "Jul", ["juli"] = "Jul", ["julio"] = "Jul", ["luglio"] = "Jul", ["lug"] = "Jul", ["julho"] = "Jul",
        ["août"] = "Aug", ["aout"] = "Aug", ["august"] = "Aug", ["agosto"] = "Aug", ["ago"] = "Aug",
        ["sept"] = "Sep", ["septembre"] = "Sep", ["september"] = "Sep", ["septiembre"] = "Sep", ["settembre"] = "Sep", ["set"] = "Sep", ["setembro"] = "Sep",
        ["oct"] = "Oct", ["octobre"] = "Oct", ["oktober"] = "Oct", ["okt"] = "Oct", ["octubre"] = "Oct", ["ottobre"] = "Oct", ["ott"] = "Oct", ["outubro"] = "Oct", ["out"] = "Oct",
        ["nov"] = "Nov", ["novembre"] = "Nov", ["november"] = "Nov", ["noviembre"] = "Nov", ["novembro"] = "Nov",
        ["déc"] = "Dec", ["dec"] = "Dec", ["décembre"] = "Dec", ["decembre"] = "Dec", ["dezember"] = "Dec", ["dez"] = "Dec", ["diciembre"] = "Dec", ["dic"] = "Dec", ["dicembre"] = "Dec", ["dezembro"] = "Dec",
    };

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = Whitespace().Replace(text.Trim(), " ");
        return TryParse(text) ?? TryParse(Delocalise(text));
    }

    private static DateTimeOffset? TryParse(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        foreach (var (zone, offset) in NamedZones)
        {
            if (text.EndsWith(" " + zone, StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(text[..^zone.Length] + offset, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
            {
                return parsed;
            }
        }

        return null;
    }

    /// <summary>Drops a leading day name ("jeu.,", "Do,") and turns a localised month name into its English abbreviation.</summary>
    private static string Delocalise(string text)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma is > 0 and < 12 && text[..comma].All(c => char.IsLetter(c) || c == '.'))
        {
            text = text[(comma + 1)..].TrimStart();
        }

        return Word().Replace(text, match => Months.TryGetValue(match.Value.TrimEnd('.'), out var english) ? english : match.Value);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\p{L}+\.?")]
    private static partial Regex Word();
}
