using System.IO.Compression;

namespace NewsIngest.Core.Pages;

/// <summary>Finds HTML pages on disk (files, gzipped files, folders of them) and reads their raw bytes.</summary>
public static class PageFiles
{
    private static readonly string[] PageExtensions = [".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".gz"];

    /// <summary>Expands each path: a file stands for itself, a folder for every page file below it, in name order.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(IsPageFile)
                             .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }
    }

    /// <summary>The page's raw bytes, un-gzipped when the name ends in .gz; the charset is left to the extractor.</summary>
    public static byte[] ReadBytes(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return File.ReadAllBytes(path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// True for a file listed in a folder but whose name is not valid UTF-8: .NET shows its bad bytes as U+FFFD, and that
    /// name opens nothing, so the file cannot be read under any name .NET can give it.
    /// </summary>
    public static bool HasUndecodableName(string path) =>
        Path.GetFileName(path ?? throw new ArgumentNullException(nameof(path))).Contains('\uFFFD', StringComparison.Ordinal) && !File.Exists(path);

    private static bool IsPageFile(string path) =>
        PageExtensions.Any(ext => path.EndsWith(ext, StringComparison.OrdinalIgnoreCase));
}
