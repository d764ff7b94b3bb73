using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;
using NewsIngest.Tests.LocalHost;

namespace NewsIngest.Tests.Cli;

/// <summary><c>newsingest run</c> as a person runs it: the built tool in its own process, against an Azurite and a local site.</summary>
[Collection(LocalHostTests.Name)]
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_refuses_a_schedule_that_is_not_NCRONTAB_with_a_one_line_reason()
    {
        var run = await CliRunner.RunAsync("run", "--schedule", "every minute", "--storage", "UseDevelopmentStorage=true");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'every minute' is not an NCRONTAB schedule", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_stores_every_page_of_a_feed_parses_a_page_dropped_while_it_runs_and_stops_cleanly_on_SIGTERM()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var site = await SampleSiteServer.StartAsync();
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "newsingest.dll"), "run", "--storage", azurite.ConnectionString,
                     "--feed", site.FeedUrl.AbsoluteUri, "--schedule", "*/2 * * * * *", "--allow-private-addresses",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("AzureWebJobsStorage");
        using var process = Process.Start(startInfo)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await using var services = TestServices.Create(azurite.ConnectionString);
            var articles = services.GetRequiredService<ArticleStore>();
            foreach (var page in site.Pages)
            {
                var blob = RawPageNames.ForUrl(page);
                await Eventually.HoldsAsync($"an article for {page}", async () => await articles.GetRowAsync(blob, CancellationToken.None) is not null, LocalHostRun.Bound);
            }

            var drop = await CliRunner.RunAsync("drop", "--storage", azurite.ConnectionString, Path.Combine(SeedPage.Folder, "page.html"));
            Assert.True(drop.ExitCode == 0, drop.Error);
            var dropped = drop.LastLine[(StorageNames.RawPagesContainer.Length + 1)..];
            await Eventually.HoldsAsync("an article for the dropped page", async () => await articles.GetRowAsync(dropped, CancellationToken.None) is not null, LocalHostRun.Bound);
        }
        finally
        {
            // SIGTERM, as a service manager stops it; Ctrl+C's SIGINT takes the same path, but a background job may inherit it ignored.
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(0, process.ExitCode);
        lock (output)
        {
            // One line per page: each fetched page and the dropped one is logged once, as parsed.
            Assert.Equal(site.Pages.Count + 1, output.ToString().Split('\n').Count(l => l.Contains("PageProcessor", StringComparison.Ordinal)));
        }

        Assert.DoesNotContain("Exception", await error, StringComparison.Ordinal);
    }
}
