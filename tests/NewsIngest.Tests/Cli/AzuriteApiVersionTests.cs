using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
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

    [Fact]
    public async Task An_Azurite_too_old_for_the_pinned_version_is_named_with_what_to_do()
    {
        // The answer Azurite 3.31 gives to API version 2025-11-05, as captured from it (status, error code, body).
        await using var oldAzurite = await LocalHttpServer.StartAsync(async context =>
        {
            const string message = "The API version 2025-11-05 is not supported by Azurite. Please upgrade Azurite to latest version and retry. If you are using Azurite in Visual Studio, please check you have installed latest Visual Studio patch. Azurite command line parameter \"--skipApiVersionCheck\" or Visual Studio Code configuration \"Skip Api Version Check\" can skip this error. ";
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.Headers["x-ms-error-code"] = "InvalidHeaderValue";
            context.Response.ContentType = "application/xml";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Error><Code>InvalidHeaderValue</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error>"));
        });
        var port = oldAzurite.BaseUrl.Port;

        var result = await CliProcess.RunAsync("articles", "--storage", AzuriteProcess.ConnectionStringFor(port, port, port));

        Assert.Equal(ExitCodes.StorageUnavailable, result.ExitCode);
        Assert.Contains("does not know storage API version 2025-11-05", result.Error, StringComparison.Ordinal);
        Assert.Contains("restart it with --skipApiVersionCheck", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
