using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using NewsIngest.Cli.Errors;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

/// <summary><c>newsingest ingest</c> exits non-zero when nothing could be read, and its summary counts pages that failed.</summary>
[Collection(AzuriteTests.Name)]
public sealed class IngestOutcomeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ingest_without_any_feed_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync("ingest", "--storage", azurite.ConnectionString);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("No feed to read: pass --feed URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_exits_non_zero_when_every_feed_failed_and_counts_them()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])>());

        var result = await CliProcess.RunAsync("ingest", "--storage", azurite.ConnectionString, "--allow-private-addresses",
            "--feed", server.Url("/missing-a.xml").AbsoluteUri, "--feed", server.Url("/missing-b.xml").AbsoluteUri);

        Assert.True(result.ExitCode == ExitCodes.WorkFailed, result.Error);
        var summary = LastLine(result.Output);
        Assert.Equal(2, (int)summary["feeds"]!);
        Assert.Equal(2, (int)summary["failedFeeds"]!);
        Assert.Contains("No feed could be read (2 of 2 failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_refused_by_the_private_address_guard_gets_a_hint_about_allowing_it()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])>());
        var feed = server.Url("/feed.xml");

        var result = await CliProcess.RunAsync("ingest", "--storage", azurite.ConnectionString, "--feed", feed.AbsoluteUri);

        Assert.Equal(ExitCodes.WorkFailed, result.ExitCode);
        Assert.Contains($"{feed} is on a loopback, private or link-local address", result.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-private-addresses", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task A_failing_page_is_counted_as_retrying_and_writes_one_line_by_default_and_details_with_verbose()
    {
        var (quiet, quietPath) = await IngestOneFailingPageAsync();
        var (verbose, verbosePath) = await IngestOneFailingPageAsync("--verbose");

        Assert.True(quiet.ExitCode == ExitCodes.Ok, quiet.Error);
        var summary = LastLine(quiet.Output);
        Assert.Equal(1, (int)summary["retrying"]!);
        Assert.Equal(0, (int)summary["failed"]!);
        Assert.Equal(0, (int)summary["fetched"]!);
        Assert.Single(quiet.Error.Split('\n'), line => line.Contains(quietPath, StringComparison.Ordinal));
        Assert.True(verbose.Error.Split('\n').Count(line => line.Contains(verbosePath, StringComparison.Ordinal)) > 1, verbose.Error);
    }

    /// <summary>Ingests a feed of one page that answers 503; a short total timeout ends the resilience pipeline's retries in seconds.</summary>
    private async Task<((int ExitCode, string Output, string Error) Result, string PagePath)> IngestOneFailingPageAsync(params string[] extra)
    {
        var path = $"/flaky/{Guid.NewGuid():N}.html";
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/feed.xml")
            {
                context.Response.ContentType = "application/rss+xml";
                await context.Response.Body.WriteAsync(FeedBuilder.Rss(new Uri($"http://{context.Request.Host}{path}")));
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        });
        var environment = new Dictionary<string, string?> { ["NewsIngest__Fetch__AttemptTimeout"] = "00:00:01", ["NewsIngest__Fetch__TotalTimeout"] = "00:00:02" };
        string[] arguments = ["ingest", "--storage", azurite.ConnectionString, "--allow-private-addresses", "--feed", server.Url("/feed.xml").AbsoluteUri, .. extra];
        var result = await CliProcess.RunWithAsync(environment, AppContext.BaseDirectory, arguments);
        // The failing page's message reappears in the shared queue after 30 s: gone, so later tests that drain the queue never meet it.
        await new QueueClient(azurite.ConnectionString, StorageNames.PageRequestsQueue, StorageAccount.QueueOptions).ClearMessagesAsync();
        return (result, path);
    }

    private static JsonObject LastLine(string output) =>
        JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!.AsObject();
}
