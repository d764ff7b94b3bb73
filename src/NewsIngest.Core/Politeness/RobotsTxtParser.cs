using System.Globalization;

namespace NewsIngest.Core.Politeness;

/// <summary>Parses robots.txt text into the <see cref="RobotsRules"/> for one product token, leniently, as RFC 9309 asks.</summary>
public static class RobotsTxtParser
{
    public static RobotsRules Parse(string text, string productToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(productToken);
        var ours = new Group();
        var anyone = new Group();
        var agents = new List<string>();
        var inRules = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent")
            {
                if (inRules)
                {
                    // A user-agent line after rules starts a new group (RFC 9309 §2.1).
                    agents.Clear();
                    inRules = false;
                }

                agents.Add(value);
                continue;
            }

            if (agents.Count == 0)
            {
                continue; // rules before any user-agent line belong to no group
            }

            inRules = true;
            var targets = Targets(agents, productToken, ours, anyone);
            foreach (var group in targets)
            {
                group.Apply(key, value);
            }
        }

        var chosen = ours.Seen ? ours : anyone;
        return new RobotsRules(chosen.Rules, chosen.CrawlDelay);
    }

    /// <summary>Our groups match our product token case-insensitively; <c>*</c> groups apply only when none names us.</summary>
    private static IEnumerable<Group> Targets(List<string> agents, string productToken, Group ours, Group anyone)
    {
        if (agents.Any(a => string.Equals(a, productToken, StringComparison.OrdinalIgnoreCase)))
        {
            ours.Seen = true;
            yield return ours;
        }

        if (agents.Contains("*"))
        {
            anyone.Seen = true;
            yield return anyone;
        }
    }

    /// <summary>
    /// RFC 9309 §2.2.2: non-ASCII characters are compared percent-encoded (UTF-8, upper-case hex), which is how
    /// <see cref="Uri.PathAndQuery"/> spells the URL side; existing escapes are upper-cased to match.
    /// </summary>
    private static string PercentEncode(string pattern)
    {
        var builder = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '%' && i + 2 < pattern.Length && Uri.IsHexDigit(pattern[i + 1]) && Uri.IsHexDigit(pattern[i + 2]))
            {
                builder.Append('%').Append(char.ToUpperInvariant(pattern[i + 1])).Append(char.ToUpperInvariant(pattern[i + 2]));
                i += 2;
            }
            else if (c > 127)
            {
                var length = char.IsHighSurrogate(c) && i + 1 < pattern.Length ? 2 : 1;
                foreach (var b in System.Text.Encoding.UTF8.GetBytes(pattern.Substring(i, length)))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed class Group
    {
        public bool Seen { get; set; }

        public List<RobotsRule> Rules { get; } = [];

        public TimeSpan? CrawlDelay { get; private set; }

        public void Apply(string key, string value)
        {
            switch (key)
            {
                case "allow" when value.Length > 0:
                    Rules.Add(new RobotsRule(PercentEncode(value), Allow: true));
                    break;
                case "disallow" when value.Length > 0: // an empty Disallow allows everything: no rule
                    Rules.Add(new RobotsRule(PercentEncode(value), Allow: false));
                    break;
                case "crawl-delay" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0:
                    CrawlDelay = TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
                    break;
            }
        }
    }
}
