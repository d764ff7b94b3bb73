using System.Text.Json.Nodes;
using NewsIngest.Cli.Errors;
using NewsIngest.Cli.Hosting;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

/// <summary>
/// The storage clients pin an API version the repository's Azurite knows, so the CLI works with an Azurite started as people
/// start it — by hand, by the VS Code extension, from a container — without <c>--skipApiVersionCheck</c>, and with it.
/// </summary>
public sealed class AzuriteApiVersionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_full_cycle_and_a_listing_work_against_Azurite_started_with_or_without_skipApiVersionCheck(bool skipApiVersionCheck)
    {
        var executable = AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root.");
        await using var azurite = await AzuriteProcess.StartAsync(executable, skipApiVersionCheck: skipApiVersionCheck);
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/seed.html"] = ("text/html", SeedPage.Html);
        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/seed.html")));

        var ingest = await CliProcess.RunAsync("ingest", "--storage", azurite.ConnectionString, "--allow-private-addresses", "--feed", server.Url("/feed.xml").AbsoluteUri);
        var articles = await CliProcess.RunAsync("articles", "--storage", azurite.ConnectionString, "--json");

        Assert.True(ingest.ExitCode == ExitCodes.Ok, ingest.Error);
        Assert.Equal(1, (int)JsonNode.Parse(ingest.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!["parsed"]!);
        Assert.True(articles.ExitCode == ExitCodes.Ok, articles.Error);
        Assert.Single(articles.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
