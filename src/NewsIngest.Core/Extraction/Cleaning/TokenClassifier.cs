using System.Collections.Concurrent;
using V = NewsIngest.Core.Extraction.Cleaning.BoilerplateVocabulary;

namespace NewsIngest.Core.Extraction.Cleaning;

/// <summary>
/// Classifies class and id attribute values into <see cref="TokenClass"/> bits. Attribute strings repeat massively
/// across pages, so results are memoised in a process-wide, thread-safe cache (bounded so odd sites can't grow it forever).
/// </summary>
internal static class TokenClassifier
{
    /// <summary>Cache bound: a few thousand distinct class strings per site; 100k covers a long-running host.</summary>
    private const int MaxCacheEntries = 100_000;

    /// <summary>Boilerplate categories a content-ish word in the same attribute cancels (Readability's "maybe candidate").</summary>
    private const TokenClass WeakBoilerplate = TokenClass.Sidebar | TokenClass.Ad | TokenClass.Consent;

    private static readonly ConcurrentDictionary<string, TokenClass> ClassCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, TokenClass> IdCache = new(StringComparer.Ordinal);

    private static int s_entries;

    public static TokenClass ClassifyClass(string value) => Cached(ClassCache, value, isId: false);

    public static TokenClass ClassifyId(string value) => Cached(IdCache, value, isId: true);

    private static TokenClass Cached(ConcurrentDictionary<string, TokenClass> cache, string value, bool isId)
    {
        if (cache.TryGetValue(value, out var hit))
        {
            return hit;
        }

        var result = Classify(value, isId);
        // ConcurrentDictionary.Count takes every lock; a racy counter is enough for a soft bound.
        if (Volatile.Read(ref s_entries) < MaxCacheEntries && cache.TryAdd(value, result))
        {
            Interlocked.Increment(ref s_entries);
        }

        return result;
    }

    internal static TokenClass Classify(string value, bool isId)
    {
        var result = TokenClass.None;
        var protect = false;
        var builder = false;
        foreach (var raw in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.ToLowerInvariant();
            result |= ClassifyToken(token, isId);
            protect |= ContainsAny(token, V.ProtectSubstrings);
            builder |= ContainsAny(token, V.BuilderSubstrings);
        }

        if ((result & TokenClass.GenericBody) != 0 && HasStrongBody(value))
        {
            result &= ~TokenClass.GenericBody;
        }

        if (builder)
        {
            result &= ~TokenClass.Sidebar;
        }

        if ((result & TokenClass.ContentTier1) != 0)
        {
            result &= ~(TokenClass.Boilerplate & ~(TokenClass.Comments | TokenClass.Hidden));
        }
        else if (protect)
        {
            result &= ~WeakBoilerplate;
        }

        return result;
    }

    private static TokenClass ClassifyToken(string token, bool isId)
    {
        if (IsModifier(token))
        {
            return ContentTiers(token, isId) & TokenClass.Positive;
        }

        var result = TokenClass.None;
        foreach (var (needle, cls) in V.Substrings)
        {
            if (token.Contains(needle, StringComparison.Ordinal))
            {
                result |= cls;
            }
        }

        var parts = token.Split('-', '_');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (V.Parts.TryGetValue(part, out var cls))
            {
                result |= cls;
            }

            if (part.StartsWith("comment", StringComparison.Ordinal))
            {
                result |= TokenClass.Comments;
            }

            if (V.StandfirstParts.Contains(part))
            {
                result |= TokenClass.Standfirst;
            }

            if (part == "sidebar" && (i == 0 || V.SidebarLeadParts.Contains(parts[i - 1])))
            {
                result |= TokenClass.Sidebar;
            }
        }

        if (parts.Length > 0 && V.AdFirstParts.Contains(parts[0]))
        {
            result |= TokenClass.Ad;
        }

        if (V.HiddenTokens.Contains(token))
        {
            result |= TokenClass.Hidden;
        }

        if (token.StartsWith("shar", StringComparison.Ordinal))
        {
            result |= TokenClass.Share;
        }

        result |= ContentTiers(token, isId);
        if ((ContainsAny(token, V.HeadlineSubstrings) && !token.Contains("sub", StringComparison.Ordinal)) || V.HeadlineExact.Contains(token))
        {
            result |= TokenClass.Headline;
        }

        if (ContainsAny(token, V.LiveUpdateSubstrings))
        {
            result |= TokenClass.LiveUpdate;
        }

        if (ContainsAny(token, V.DateSubstrings))
        {
            result |= TokenClass.DateHint;
        }

        if (ContainsAny(token, V.AuthorSubstrings))
        {
            result |= TokenClass.AuthorHint;
        }

        if (ContainsAny(token, V.StandfirstSubstrings))
        {
            result |= TokenClass.Standfirst;
        }

        if (ContainsAny(token, V.BreadcrumbSubstrings))
        {
            result |= TokenClass.Breadcrumb;
        }

        return result;
    }

    private static TokenClass ContentTiers(string token, bool isId)
    {
        var result = TokenClass.None;
        if (ContainsAny(token, V.Tier1Substrings))
        {
            result |= TokenClass.ContentTier1;
        }
        else if (!isId && V.Tier1Exact.Contains(token))
        {
            result |= TokenClass.ContentTier1 | TokenClass.GenericBody;
        }

        if (V.Tier3Exact.Contains(token) || ContainsAny(token, V.Tier3Substrings) || (isId && token.StartsWith("primary", StringComparison.Ordinal)))
        {
            result |= TokenClass.ContentTier3;
        }

        if (token == "content" || ContainsAny(token, V.Tier4Substrings))
        {
            result |= TokenClass.ContentTier4;
        }

        if (token.StartsWith("main", StringComparison.Ordinal))
        {
            result |= TokenClass.MainTier5;
        }

        if (ContainsAny(token, V.PositiveSubstrings))
        {
            result |= TokenClass.Positive;
        }

        return result;
    }

    /// <summary>A state modifier or taxonomy label (see <see cref="V.ModifierPrefixes"/>), never a zone.</summary>
    private static bool IsModifier(string token)
    {
        foreach (var prefix in V.ModifierPrefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal) && token.Length > prefix.Length)
            {
                return true;
            }
        }

        if (!token.StartsWith("author-", StringComparison.Ordinal))
        {
            return false;
        }

        var second = token.AsSpan(7);
        var end = second.IndexOfAny('-', '_');
        return !V.AuthorZoneParts.Contains((end < 0 ? second : second[..end]).ToString());
    }

    private static bool HasStrongBody(string value)
    {
        foreach (var raw in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (ContainsAny(raw.ToLowerInvariant(), V.Tier1Substrings))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string token, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (token.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
