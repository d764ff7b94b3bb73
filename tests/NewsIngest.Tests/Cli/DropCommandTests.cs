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
}
