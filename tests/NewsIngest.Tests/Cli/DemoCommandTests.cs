using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Demo;
using NewsIngest.Cli.Errors;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

[Collection(AzuriteTests.Name)]
public sealed class DemoCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_second_demo_against_a_lasting_store_finds_the_sample_pages_stored_and_duplicates_nothing()
    {
        var first = await CliProcess.RunAsync("demo", "--storage", azurite.ConnectionString);
        var afterFirst = await CountSampleArticlesAsync();
        var second = await CliProcess.RunAsync("demo", "--storage", azurite.ConnectionString);
        var afterSecond = await CountSampleArticlesAsync();

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.True(afterFirst >= 4, $"{afterFirst} sample articles");
        Assert.Equal(afterFirst, afterSecond);
        var summary = JsonNode.Parse(second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        Assert.Equal(0, (int)summary["fetched"]!);
        Assert.Equal(0, (int)summary["newItems"]!);
    }

    private async Task<int> CountSampleArticlesAsync()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var count = 0;
        await foreach (var row in services.GetRequiredService<ArticleStore>().ListAsync(SampleSite.PublicBaseUrl.Host, CancellationToken.None))
        {
            count++;
        }

        return count;
    }
}
