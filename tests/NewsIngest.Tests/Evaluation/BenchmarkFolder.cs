using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace NewsIngest.Tests.Evaluation;

/// <summary>A throw-away benchmark folder (<c>html/&lt;id&gt;.html.gz</c> + <c>ground-truth.json</c>) for evaluation tests.</summary>
internal sealed class BenchmarkFolder : IDisposable
{
    private readonly Dictionary<string, object> _truth = new(StringComparer.Ordinal);

    public BenchmarkFolder(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "newsingest-eval-" + Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "html"));
    }

    public string Path { get; }

    /// <summary>Adds a page; <paramref name="html"/> null leaves the truth without a page file.</summary>
    public BenchmarkFolder Add(string id, string? html, object truth)
    {
        _truth[id] = truth;
        if (html is not null)
        {
            using var file = File.Create(System.IO.Path.Combine(Path, "html", id + ".html.gz"));
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        File.WriteAllText(System.IO.Path.Combine(Path, "ground-truth.json"), JsonSerializer.Serialize(_truth));
        return this;
    }

    public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
}
