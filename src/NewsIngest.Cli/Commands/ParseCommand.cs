using System.CommandLine;
using System.Text.Json;
using NewsIngest.Cli.Bench;
using NewsIngest.Cli.Errors;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Pages;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest parse</c>: extracts articles from local HTML files, offline, as JSON Lines.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var url = new Option<Uri?>("--url") { CustomParser = UriArguments.ParseOne, Description = "The URL the page(s) came from, used when a page names no canonical URL." };
        var pretty = new Option<bool>("--pretty") { Description = "Indent each JSON object (no longer one object per line)." };
        var paths = new Argument<string[]>("PATH") { Description = "HTML files, gzipped HTML files (.gz) or folders of them.", Arity = ArgumentArity.OneOrMore };
        // Hidden: the whole-process baseline that 'bench startup' times against (SmartReader doing the same I/O per file).
        var baseline = new Option<string?>("--baseline") { Description = "Extract with a baseline instead (bench startup).", Hidden = true };
        baseline.AcceptOnlyFromAmong(SmartReaderParse.Name);
        var command = new Command("parse", "Extract the article of each page and print one JSON object per page.") { url, pretty, paths, baseline };
        command.SetAction(parse => parse.GetValue(baseline) is null
            ? Run(parse.GetValue(paths)!, parse.GetValue(url), parse.GetValue(pretty))
            : SmartReaderParse.Run(PageArguments.Expand(parse.GetValue(paths)!).Select(page => page.File), parse.GetValue(url), parse.GetValue(pretty)));
        return command;
    }

    private static int Run(string[] paths, Uri? url, bool pretty)
    {
        var extractor = new ArticleExtractor();
        var options = pretty ? ArticleJson.Indented : ArticleJson.Compact;
        var maxNestingDepth = new ParseOptions().MaxNestingDepth;
        var failures = 0;
        var files = PageArguments.Expand(paths).Select(page => page.File).ToList();
        OrderedPageRunner.Run(files, file => ParseFile(extractor, file, url, options, maxNestingDepth), page => failures += Write(page));
        return failures == 0 ? ExitCodes.Ok : ExitCodes.WorkFailed;
    }

    /// <summary>Prints one page's JSON line or error line; 1 for an error.</summary>
    private static int Write((string? Json, string? Error) page)
    {
        var (json, error) = page;
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            return 1;
        }

        Console.Out.WriteLine(json);
        return 0;
    }

    private static (string? Json, string? Error) ParseFile(ArticleExtractor extractor, string file, Uri? url, JsonSerializerOptions options, int maxNestingDepth)
    {
        try
        {
            var bytes = PageFiles.ReadBytes(file);
            // The guard ParsePage has: AngleSharp's tree building is quadratic in the nesting (100,000 levels: 51 s).
            if (MarkupDepth.Refusal(bytes, maxNestingDepth) is { } tooDeep)
            {
                return (null, $"{file}: rejected ({tooDeep.Status}): {tooDeep.Reason}");
            }

            var article = extractor.Extract(bytes, new PageContext(url));
            var node = ArticleJson.ToNode(article);
            node.Insert(0, "file", file);
            return (node.ToJsonString(options), null);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (null, $"{file}: {ex.Message}");
        }
    }
}
