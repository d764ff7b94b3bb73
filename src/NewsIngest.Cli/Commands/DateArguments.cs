using System.CommandLine.Parsing;
using System.Globalization;

namespace NewsIngest.Cli.Commands;

/// <summary>Parses date options (<c>--since</c>) with an error that says which form to use, not which .NET type failed.</summary>
internal static class DateArguments
{
    /// <summary>A day (<c>2026-12-01</c>, taken as UTC) or an ISO 8601 date and time with its offset.</summary>
    public static DateTimeOffset? Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            return moment;
        }

        result.AddError($"'{text}' is not a date: give YYYY-MM-DD (e.g. {DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}) or an ISO 8601 date and time.");
        return null;
    }
}
