using System.Text.Json.Nodes;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

/// <summary>The <c>newsingest ingest</c> contract, checked from outside: a real process, a local site, Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class IngestCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingest_prints_the_summary_as_its_last_line_and_a_second_run_fetches_nothing()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/cli/seed.html"] = ("text/html", SeedPage.Html);
        routes["/cli/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/cli/seed.html")));
        string[] arguments = ["ingest", "--feed", server.Url("/cli/feed.xml").AbsoluteUri, "--storage", azurite.ConnectionString, "--allow-private-addresses"];

        var first = await CliProcess.RunAsync(arguments);
        var second = await CliProcess.RunAsync(arguments);

        Assert.True(first.ExitCode == 0, first.Error);
        var summary = LastLine(first.Output);
        Assert.Equal(1, (int)summary["feeds"]!);
        Assert.Equal(1, (int)summary["newItems"]!);
        Assert.Equal(1, (int)summary["fetched"]!);
        Assert.Equal(1, (int)summary["parsed"]!);
        foreach (var key in new[] { "notModified", "rejected", "skipped", "duplicates" })
        {
            Assert.NotNull(summary[key]);
        }

        Assert.True(second.ExitCode == 0, second.Error);
        var again = LastLine(second.Output);
        Assert.Equal(0, (int)again["fetched"]!);
        Assert.Equal(0, (int)again["newItems"]!);
    }

    [Fact]
    public async Task Ingest_survives_a_page_and_a_robots_txt_cut_mid_body_and_fetches_the_feeds_other_pages()
    {
        var page = TestPages.Plain;
        await using var cutPage = new TruncatingServer(cutRobotsTxt: false);
        await using var cutRobots = new TruncatingServer(cutRobotsTxt: true);
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/cli-cut/first.html"] = ("text/html", page);
        routes["/cli-cut/later.html"] = ("text/html", page);
        routes["/cli-cut/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(
            server.Url("/cli-cut/first.html"), cutPage.Url("/cli-cut/cut.html"), cutRobots.Url("/cli-cut/page.html"), server.Url("/cli-cut/later.html")));

        var run = await CliProcess.RunAsync("ingest", "--feed", server.Url("/cli-cut/feed.xml").AbsoluteUri, "--storage", azurite.ConnectionString, "--allow-private-addresses");

        Assert.True(run.ExitCode == 0, run.Error);
        var summary = LastLine(run.Output);
        Assert.Equal(4, (int)summary["newItems"]!);
        Assert.Equal(2, (int)summary["fetched"]!);
        Assert.Equal(1, cutPage.PageRequestCount);
        Assert.Equal(0, cutRobots.PageRequestCount);
        // The two failed pages wait in the queue for a later run; the collection shares it, so leave it empty.
        await new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, NewsIngest.Core.Storage.StorageNames.PageRequestsQueue, NewsIngest.Core.Storage.StorageAccount.QueueOptions).ClearMessagesAsync();
    }

    private static JsonObject LastLine(string output) =>
        JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!.AsObject();
}
