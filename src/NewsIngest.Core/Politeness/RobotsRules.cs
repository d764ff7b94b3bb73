namespace NewsIngest.Core.Politeness;

/// <summary>
/// The robots.txt rules that apply to our User-Agent token on one host (RFC 9309): the groups naming our token, else the
/// <c>*</c> groups, merged; the longest matching pattern decides and <c>Allow</c> wins a tie. Plus the non-standard Crawl-delay.
/// </summary>
public sealed class RobotsRules
{
    private readonly IReadOnlyList<RobotsRule> _rules;

    public RobotsRules(IReadOnlyList<RobotsRule> rules, TimeSpan? crawlDelay = null, bool disallowAll = false)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        CrawlDelay = crawlDelay;
        DisallowAll = disallowAll;
    }

    /// <summary>As <see cref="Unreachable"/>, saying why (<c>HTTP 503</c>, a timeout, a cut connection…).</summary>
    public static RobotsRules UnreachableBecause(string reason) => new([], disallowAll: true) { UnreachableReason = reason };

    /// <summary>No robots.txt (4xx): everything may be fetched.</summary>
    public static RobotsRules AllowAll { get; } = new([]);

    /// <summary>robots.txt unreachable (5xx, network): RFC 9309 §2.3.1.3 says assume complete disallow, for now.</summary>
    public static RobotsRules Unreachable { get; } = new([], disallowAll: true);

    public TimeSpan? CrawlDelay { get; }

    /// <summary>True when the rules come from an unreachable robots.txt, not from the site's own words.</summary>
    public bool DisallowAll { get; }

    /// <summary>Why robots.txt could not be read, when <see cref="DisallowAll"/>.</summary>
    public string? UnreachableReason { get; private init; }

    public bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (DisallowAll)
        {
            return false;
        }

        var path = url.PathAndQuery;
        if (path == "/robots.txt")
        {
            return true; // RFC 9309 §2.2.2: always allowed.
        }

        RobotsRule? best = null;
        foreach (var rule in _rules)
        {
            if (rule.Matches(path) && (best is null || rule.Specificity > best.Specificity || (rule.Specificity == best.Specificity && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }
}
