using System.IO.Compression;
using System.Text.Json;
using NewsIngest.Evaluation.Metrics;

namespace NewsIngest.Evaluation.Datasets;

/// <summary>
/// A benchmark folder: <c>html/&lt;id&gt;.html.gz</c> raw pages and <c>ground-truth.json</c> (id → articleBody, url, and
/// for WCXB-style sets <c>with</c>/<c>without</c> snippets). The metric follows from the ground truth's shape, see
/// <see cref="MetricFor"/>.
/// </summary>
public sealed class BenchmarkDataset
{
    private BenchmarkDataset(string name, IReadOnlyList<BenchmarkPage> pages, IBodyMetric metric)
    {
        Name = name;
        Pages = pages;
        Metric = metric;
    }

    /// <summary>The folder's name, for display only: nothing is decided by it.</summary>
    public string Name { get; }

    public IReadOnlyList<BenchmarkPage> Pages { get; }

    /// <summary>The metric the dataset's own publications use, so our figures compare with theirs.</summary>
    public IBodyMetric Metric { get; }

    /// <summary>True when any page carries <c>with</c>/<c>without</c> snippets (only scored when present).</summary>
    public bool HasSnippets => Pages.Any(p => p.With.Count + p.Without.Count > 0);

    public static bool Exists(string directory) =>
        File.Exists(Path.Combine(directory, "ground-truth.json")) && Directory.Exists(Path.Combine(directory, "html"));

    public static BenchmarkDataset Load(string directory)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "ground-truth.json")));
        var pages = new List<BenchmarkPage>();
        var hasSnippetFields = false;
        foreach (var entry in truth.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            hasSnippetFields |= entry.Value.TryGetProperty("with", out _) || entry.Value.TryGetProperty("without", out _);
            var file = Path.Combine(directory, "html", entry.Name + ".html.gz");
            if (!File.Exists(file))
            {
                continue;
            }

            pages.Add(new BenchmarkPage(
                entry.Name,
                OptionalString(entry.Value, "url"),
                OptionalString(entry.Value, "articleBody") ?? string.Empty,
                Decompress(file),
                Strings(entry.Value, "with"),
                Strings(entry.Value, "without")));
        }

        var name = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))).Name;
        return new BenchmarkDataset(name, pages, MetricFor(hasSnippetFields));
    }

    /// <summary>
    /// The rule: ground truth with <c>with</c>/<c>without</c> snippet fields is the WCXB format, scored with WCXB's
    /// word-multiset F1; any other ground truth (id → articleBody, url) is the article-extraction-benchmark format,
    /// scored with its 4-word-shingle F1. Decided by the data's shape, not the folder name, so a renamed copy scores alike.
    /// </summary>
    public static IBodyMetric MetricFor(bool hasSnippetFields) =>
        hasSnippetFields ? WordMultisetMetric.Instance : ShingleMetric.Instance;

    private static string? OptionalString(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];

    private static byte[] Decompress(string file)
    {
        using var input = File.OpenRead(file);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
