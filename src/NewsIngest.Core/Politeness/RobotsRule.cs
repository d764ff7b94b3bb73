namespace NewsIngest.Core.Politeness;

/// <summary>One <c>Allow</c> or <c>Disallow</c> line of robots.txt: a path pattern where <c>*</c> is any run of characters and a final <c>$</c> anchors the end.</summary>
public sealed record RobotsRule(string Pattern, bool Allow)
{
    /// <summary>RFC 9309 §2.2.2: the most specific (longest) matching pattern decides, so its length in characters matters.</summary>
    public int Specificity => Pattern.Length;

    /// <summary>True when the pattern matches a prefix of <paramref name="path"/> (all of it, when anchored by <c>$</c>).</summary>
    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var anchored = Pattern.EndsWith('$');
        var pattern = anchored ? Pattern[..^1] : Pattern;
        return Glob(pattern, path, anchored);
    }

    /// <summary>Classic greedy wildcard matching with backtracking to the last <c>*</c>: linear in practice, no regex to time out.</summary>
    private static bool Glob(string pattern, string text, bool anchored)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p == pattern.Length && !anchored)
            {
                return true; // the pattern matched a prefix
            }

            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
