using System.Collections.Concurrent;
using V = NewsIngest.Core.Extraction.Cleaning.BoilerplateVocabulary;

namespace NewsIngest.Core.Extraction.Cleaning;

/// <summary>
/// Classifies class and id attribute values into <see cref="TokenClass"/> bits. Attribute strings and, far more, their
/// tokens repeat across pages, so both are memoised in process-wide, thread-safe caches. A cache that reaches its bound
/// starts afresh: a bound that merely stopped adding left every page of a new site unmemoised for the life of the host
/// (reached after ~540 benchmark pages, it made the harvest of the later pages up to 10x slower).
/// </summary>
internal static class TokenClassifier
{
    /// <summary>Entries per cache before it is emptied: a few thousand distinct strings per site.</summary>
    private const int MaxCacheEntries = 100_000;

    /// <summary>Boilerplate categories a content-ish word in the same attribute cancels (Readability's "maybe candidate").</summary>
    private const TokenClass WeakBoilerplate = TokenClass.Sidebar | TokenClass.Ad | TokenClass.Consent;

    private static readonly BoundedCache<TokenClass> ClassCache = new();
    private static readonly BoundedCache<TokenClass> IdCache = new();
    private static readonly BoundedCache<TokenReading> ClassTokenCache = new();
    private static readonly BoundedCache<TokenReading> IdTokenCache = new();

    /// <summary>Entries of the per-thread memo in front of the shared one (small enough to stay in the CPU cache).</summary>
    private const int MaxLocalEntries = 4096;

    [ThreadStatic]
    private static Dictionary<string, TokenClass>? t_localClass;

    [ThreadStatic]
    private static Dictionary<string, TokenClass>? t_localId;

    public static TokenClass ClassifyClass(string value) =>
        Cached(t_localClass ??= new Dictionary<string, TokenClass>(MaxLocalEntries), ClassCache, value, isId: false);

    public static TokenClass ClassifyId(string value) =>
        Cached(t_localId ??= new Dictionary<string, TokenClass>(MaxLocalEntries), IdCache, value, isId: true);

    private static TokenClass Cached(Dictionary<string, TokenClass> local, BoundedCache<TokenClass> cache, string value, bool isId)
    {
        // A page repeats its class strings many times: a small thread-local memo answers most lookups from the CPU
        // cache, where the shared one (100k entries) costs a cache miss each.
        if (local.TryGetValue(value, out var hit))
        {
            return hit;
        }

        if (!cache.Map.TryGetValue(value, out hit))
        {
            hit = Classify(value, isId);
            cache.Add(value, hit);
        }

        if (local.Count >= MaxLocalEntries)
        {
            local.Clear();
        }

        local[value] = hit;
        return hit;
    }

    internal static TokenClass Classify(string value, bool isId)
    {
        var result = TokenClass.None;
        var protect = false;
        var builder = false;
        var strongBody = false;
        var tokens = isId ? IdTokenCache : ClassTokenCache;
        var rest = value.AsSpan();
        while (NextToken(ref rest) is { IsEmpty: false } raw)
        {
            var reading = Read(tokens, raw, isId);
            result |= reading.Class;
            protect |= reading.Protect;
            builder |= reading.Builder;
            strongBody |= reading.StrongBody;
        }

        if ((result & TokenClass.GenericBody) != 0 && strongBody)
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

    /// <summary>The next whitespace-separated token of <paramref name="rest"/> (as string.Split with no separators), advancing past it.</summary>
    private static ReadOnlySpan<char> NextToken(ref ReadOnlySpan<char> rest)
    {
        var start = 0;
        while (start < rest.Length && char.IsWhiteSpace(rest[start]))
        {
            start++;
        }

        var end = start;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
        {
            end++;
        }

        var token = rest[start..end];
        rest = rest[end..];
        return token;
    }

    private static TokenReading Read(BoundedCache<TokenReading> cache, ReadOnlySpan<char> raw, bool isId)
    {
        var lookup = cache.Map.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(raw, out var hit))
        {
            return hit;
        }

        var token = raw.ToString().ToLowerInvariant();
        var reading = new TokenReading(
            ClassifyToken(token, isId), ContainsAny(token, V.ProtectSubstrings), ContainsAny(token, V.BuilderSubstrings),
            ContainsAny(token, V.Tier1Substrings));
        cache.Add(raw.ToString(), reading);
        return reading;
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

    /// <summary>What one token contributes to its attribute's classification.</summary>
    private readonly record struct TokenReading(TokenClass Class, bool Protect, bool Builder, bool StrongBody);

    /// <summary>A memo that empties itself when full, so a long-running host keeps memoising the sites it sees now.</summary>
    private sealed class BoundedCache<T>
    {
        private int _entries;

        public ConcurrentDictionary<string, T> Map { get; } = new(StringComparer.Ordinal);

        public void Add(string key, T value)
        {
            // ConcurrentDictionary.Count takes every lock; a racy counter is enough for a soft bound.
            if (Interlocked.Increment(ref _entries) > MaxCacheEntries)
            {
                Map.Clear();
                Volatile.Write(ref _entries, 0);
            }

            Map.TryAdd(key, value);
        }
    }
}
