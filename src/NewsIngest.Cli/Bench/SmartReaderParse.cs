using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsIngest.Cli.Errors;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Pages;
using NewsIngest.Evaluation.Extractors;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// The SmartReader baseline of <c>parse</c> (hidden <c>parse --baseline smartreader</c>), for <see cref="StartupBench"/>: the
/// same work per file as <c>parse</c> — read the bytes, decode, extract, write one JSON line — with SmartReader extracting,
/// so the two can be timed as whole processes on the same files.
/// </summary>
internal static class SmartReaderParse
{
    public const string Name = "smartreader";

    public static int Run(IEnumerable<string> files, Uri? url, bool pretty)
    {
        ArgumentNullException.ThrowIfNull(files);
        var options = pretty ? ArticleJson.Indented : ArticleJson.Compact;
        var failures = 0;
        foreach (var file in files)
        {
            try
            {
                var article = SmartReaderBodyExtractor.Read(PageFiles.ReadBytes(file), url?.AbsoluteUri);
                var node = new JsonObject
                {
                    ["file"] = file,
                    ["title"] = article.Title,
                    ["byline"] = article.Byline,
                    ["siteName"] = article.SiteName,
                    ["language"] = article.Language,
                    ["published"] = article.PublicationDate?.ToString("O", CultureInfo.InvariantCulture),
                    ["description"] = article.Excerpt,
                    ["body"] = article.IsReadable ? article.TextContent : null,
                };
                Console.Out.WriteLine(node.ToJsonString(options));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException
                                           or InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
            {
                failures++;
                Console.Error.WriteLine($"{file}: {ex.Message}");
            }
        }

        return failures == 0 ? ExitCodes.Ok : ExitCodes.WorkFailed;
    }
}
