using AngleSharp.Dom;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>The page's &lt;meta&gt; values keyed by lower-cased name, property, itemprop or http-equiv (all values kept in order).</summary>
internal sealed class MetaTags
{
    private static readonly string[] KeyAttributes = ["property", "name", "itemprop", "http-equiv"];

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public MetaTags(IEnumerable<IElement> metas)
    {
        foreach (var meta in metas)
        {
            var content = meta.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            foreach (var attribute in KeyAttributes)
            {
                var key = meta.GetAttribute(attribute);
                if (string.IsNullOrWhiteSpace(key))
                {
                    continue;
                }

                if (!key.Contains(' ', StringComparison.Ordinal))
                {
                    Add(key.ToLowerInvariant(), content.Trim());
                    continue;
                }

                foreach (var part in key.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(part.ToLowerInvariant(), content.Trim());
                }
            }
        }
    }

    /// <summary>The first non-empty value among the keys, in the given order of preference.</summary>
    public string? First(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (_values.TryGetValue(key, out var list) && list.Count > 0)
            {
                return list[0];
            }
        }

        return null;
    }

    public IReadOnlyList<string> All(string key) => _values.TryGetValue(key, out var list) ? list : [];

    private void Add(string key, string value)
    {
        if (!_values.TryGetValue(key, out var list))
        {
            list = [];
            _values[key] = list;
        }

        list.Add(value);
    }
}
