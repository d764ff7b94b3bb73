using System.Net.Sockets;
using NewsIngest.Cli.Errors;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

/// <summary>
/// Commands run with no storage given: they say which storage they use. With nothing listening on Azurite's default port they
/// start a temporary one from the repository's node_modules and say so; outside the repository they say what to do.
/// When something does listen on 127.0.0.1:10000 (an Azurite of the developer's), the commands rightly use it instead.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class DefaultStorageTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("articles")]
    [InlineData("rejections")]
    [InlineData("poison")]
    public async Task A_listing_on_a_temporary_Azurite_says_it_started_one_and_that_it_is_empty(string command)
    {
        var result = await CliProcess.RunAsync(command);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        if (await DefaultAzuriteListensAsync())
        {
            Assert.DoesNotContain("temporary", result.Error, StringComparison.Ordinal);
            return;
        }

        Assert.Contains("using a temporary in-memory Azurite", result.Error, StringComparison.Ordinal);
        Assert.Contains("starts empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_outside_the_repository_runs_the_demo_with_its_packed_samples_and_explains_a_missing_storage()
    {
        var tool = CopyToolOutsideRepository();
        try
        {
            var demo = await CliProcess.RunWithAsync(new Dictionary<string, string?>(), tool, "demo", "--storage", azurite.ConnectionString);
            var articles = await CliProcess.RunWithAsync(new Dictionary<string, string?>(), tool, "articles");

            Assert.True(demo.ExitCode == ExitCodes.Ok, demo.Error);
            Assert.Contains(Path.Combine(tool, "samples", "site"), demo.Error, StringComparison.Ordinal);
            if (await DefaultAzuriteListensAsync())
            {
                Assert.Equal(ExitCodes.Ok, articles.ExitCode);
                return;
            }

            Assert.Equal(ExitCodes.StorageUnavailable, articles.ExitCode);
            Assert.Contains("No storage found", articles.Error, StringComparison.Ordinal);
            Assert.Contains("--storage", articles.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", articles.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(tool, recursive: true);
        }
    }

    /// <summary>The CLI's build output copied to a temporary folder, where no node_modules is found above it, as an installed tool.</summary>
    private static string CopyToolOutsideRepository()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var output = Path.Combine(RepositoryPaths.Root, "src", "NewsIngest.Cli", "bin", configuration, "net10.0");
        var copy = Directory.CreateTempSubdirectory("newsingest-tool").FullName;
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static async Task<bool> DefaultAzuriteListensAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", 10000).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
