using System.IO.Compression;
using System.Text.Json;

namespace NewsIngest.Core.Evaluation;

/// <summary>A benchmark folder: <c>html/&lt;id&gt;.html.gz</c> raw pages and <c>ground-truth.json</c> (id → articleBody, url).</summary>
public sealed class BenchmarkDataset
{
    private BenchmarkDataset(IReadOnlyList<BenchmarkPage> pages) => Pages = pages;

    public IReadOnlyList<BenchmarkPage> Pages { get; }

    public static bool Exists(string directory) =>
        File.Exists(Path.Combine(directory, "ground-truth.json")) && Directory.Exists(Path.Combine(directory, "html"));

    public static BenchmarkDataset Load(string directory)
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "ground-truth.json")));
        var pages = new List<BenchmarkPage>();
        foreach (var entry in truth.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, "html", entry.Name + ".html.gz");
            if (!File.Exists(file))
            {
                continue;
            }

            var body = entry.Value.TryGetProperty("articleBody", out var b) ? b.GetString() ?? string.Empty : string.Empty;
            var url = entry.Value.TryGetProperty("url", out var u) ? u.GetString() : null;
            pages.Add(new BenchmarkPage(entry.Name, url, body, Decompress(file)));
        }

        return new BenchmarkDataset(pages);
    }

    private static byte[] Decompress(string file)
    {
        using var input = File.OpenRead(file);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>One benchmark page: its id, URL, expected body and raw bytes.</summary>
public sealed record BenchmarkPage(string Id, string? Url, string ExpectedBody, byte[] Html)
{
    public Uri? Uri => Url is not null && Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri : null;
}
