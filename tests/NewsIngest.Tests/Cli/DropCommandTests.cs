using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

[Collection(AzuriteTests.Name)]
public sealed class DropCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Dropping_a_folder_keeps_its_structure_so_same_named_pages_never_overwrite_each_other()
    {
        var root = Path.Combine(Path.GetTempPath(), $"drop{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "a"));
        Directory.CreateDirectory(Path.Combine(root, "b"));
        await File.WriteAllBytesAsync(Path.Combine(root, "a", "page.html"), TestPages.Article("A", "Texte A."));
        await File.WriteAllBytesAsync(Path.Combine(root, "b", "page.html"), TestPages.Article("B", "Texte B."));
        try
        {
            var drop = await CliRunner.RunAsync("drop", "--storage", azurite.ConnectionString, root);

            Assert.True(drop.ExitCode == 0, drop.Error);
            var folder = Path.GetFileName(root);
            await using var services = TestServices.Create(azurite.ConnectionString);
            var raw = services.GetRequiredService<RawPageStore>();
            Assert.NotNull(await raw.CurrentETagAsync($"{folder}/a/page.html", CancellationToken.None));
            Assert.NotNull(await raw.CurrentETagAsync($"{folder}/b/page.html", CancellationToken.None));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Dropping_a_folder_with_a_file_named_in_invalid_utf8_uploads_the_other_pages_and_names_that_file()
    {
        var root = Path.Combine(Path.GetTempPath(), $"drop{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        await File.WriteAllBytesAsync(Path.Combine(root, "a.html"), TestPages.Article("A", "Texte A."));
        await File.WriteAllBytesAsync(Path.Combine(root, "z.html"), TestPages.Article("Z", "Texte Z."));
        // .NET cannot create a name that is not UTF-8; the shell can (byte 0xFF).
        await RunShellAsync("cd \"$1\" && touch \"$(printf 'bad-\\377.html')\"", root);
        Assert.Equal(3, Directory.GetFiles(root).Length);
        try
        {
            var drop = await CliRunner.RunAsync("drop", "--storage", azurite.ConnectionString, root);

            Assert.Equal(1, drop.ExitCode);
            Assert.Contains("bad-", drop.Error, StringComparison.Ordinal);
            Assert.Contains("not uploaded: its name is not valid UTF-8", drop.Error, StringComparison.Ordinal);
            var folder = Path.GetFileName(root);
            Assert.Equal([$"raw-pages/{folder}/a.html", $"raw-pages/{folder}/z.html"], drop.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            await using var services = TestServices.Create(azurite.ConnectionString);
            var raw = services.GetRequiredService<RawPageStore>();
            Assert.NotNull(await raw.CurrentETagAsync($"{folder}/a.html", CancellationToken.None));
            Assert.NotNull(await raw.CurrentETagAsync($"{folder}/z.html", CancellationToken.None));
        }
        finally
        {
            await RunShellAsync("rm -rf \"$1\"", root); // .NET cannot name that file to delete it
        }
    }

    [Fact]
    public async Task Dropping_a_file_named_with_a_backslash_stores_it_under_the_folder_name_it_reports()
    {
        var root = Directory.CreateTempSubdirectory("drop-backslash-");
        var site = $"s{Guid.NewGuid():N}";
        var file = Path.Combine(root.FullName, site + "\\b.html"); // one file whose name holds a backslash (Linux)
        await File.WriteAllBytesAsync(file, TestPages.Article("B", "Texte B."));
        try
        {
            var drop = await CliRunner.RunAsync("drop", "--storage", azurite.ConnectionString, file);

            Assert.True(drop.ExitCode == 0, drop.Error);
            Assert.Equal($"raw-pages/{site}/b.html", drop.LastLine);
            await using var services = TestServices.Create(azurite.ConnectionString);
            Assert.NotNull(await services.GetRequiredService<RawPageStore>().CurrentETagAsync($"{site}/b.html", CancellationToken.None));
            Assert.Equal(site, TableKeys.PartitionFor($"{site}/b.html"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task RunShellAsync(string script, string argument)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
