using NewsIngest.Cli.Errors;
using NewsIngest.Core.Pages;

namespace NewsIngest.Cli.Commands;

/// <summary>The PATH arguments of <c>parse</c> and <c>drop</c>: each must name a page, or a folder holding at least one.</summary>
internal static class PageArguments
{
    /// <summary>Each page file with the argument it came from; a missing path or a folder without pages is a usage error.</summary>
    public static IReadOnlyList<(string Argument, string File)> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var pages = new List<(string Argument, string File)>();
        foreach (var path in paths)
        {
            List<string> files;
            try
            {
                files = [.. PageFiles.Expand([path])];
            }
            catch (FileNotFoundException)
            {
                throw CommandException.Usage($"No such file or folder: {path}");
            }

            if (files.Count == 0)
            {
                throw CommandException.Usage($"No HTML pages in {path}: looked for .html, .htm, .xhtml and .gz files, sub-folders included.");
            }

            pages.AddRange(files.Select(file => (path, file)));
        }

        return pages;
    }
}
