using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pages;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest drop</c>: uploads pages into <c>raw-pages</c> with no metadata, exactly as a manual drop.</summary>
internal static class DropCommand
{
    public static Command Create()
    {
        var storage = StorageOption.Create();
        var files = new Argument<string[]>("FILE") { Description = "HTML files (or folders of them) to drop.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("drop", "Upload pages into the raw-pages container as a person dropping files would; ParsePage picks them up.") { storage, files };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(storage), parse.GetValue(files)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(string? storageOption, string[] files, CancellationToken cancellationToken)
    {
        var pages = PageArguments.Expand(files);
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);

        await using var services = CliServices.Create(lease.ConnectionString);
        var store = services.GetRequiredService<RawPageStore>();
        var failures = 0;
        foreach (var (path, file) in pages)
        {
            // The blob is the page as a person would upload it: decompressed, no metadata, named after the file —
            // under the folder's name and sub-folders when a folder is dropped, as Storage Explorer's folder upload
            // does, so two pages both called page.html never overwrite each other.
            var name = BlobName(path, file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? file[..^3] : file);
            byte[] content;
            try
            {
                content = PageFiles.ReadBytes(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // One unreadable file is that file's problem: the rest of the folder still goes up.
                failures++;
                var reason = PageFiles.HasUndecodableName(file)
                    ? "its name is not valid UTF-8 (the bad bytes show as \uFFFD); rename it and drop it again"
                    : ex.Message;
                await Console.Error.WriteLineAsync($"{file}: not uploaded: {reason}").ConfigureAwait(false);
                continue;
            }

            var stored = await store.DropAsync(name, content, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine($"{StorageNames.RawPagesContainer}/{stored}");
        }

        return failures == 0 ? 0 : 1;
    }

    private static string BlobName(string argument, string file)
    {
        if (!Directory.Exists(argument))
        {
            return Path.GetFileName(file);
        }

        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument)));
        return (folder + "/" + Path.GetRelativePath(argument, file)).Replace(Path.DirectorySeparatorChar, '/');
    }
}
