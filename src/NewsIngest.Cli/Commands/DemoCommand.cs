using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Demo;
using NewsIngest.Cli.Errors;
using NewsIngest.Cli.Hosting;
using NewsIngest.Cli.Output;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest demo</c>: the main job on the bundled sample site, offline, printing the articles it stored.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var samples = new Option<DirectoryInfo?>("--samples") { Description = "The sample site folder (default: the samples/site packed with the tool, else the repository's)." };
        var storage = StorageOption.Create();
        var command = new Command("demo", "Serve the bundled sample site locally and run one full ingest cycle over it.") { samples, storage };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(samples), parse.GetValue(storage), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? samples, string? storageOption, CancellationToken cancellationToken)
    {
        var root = samples?.FullName ?? FindSamples()
            ?? throw CommandException.Usage("The sample site (samples/site with its feed.xml) was not found beside the tool or in the repository: pass --samples DIR.");
        if (!File.Exists(Path.Combine(root, "feed.xml")))
        {
            throw CommandException.Usage($"{root} has no feed.xml: --samples names a folder like samples/site.");
        }

        await using var site = await SampleSite.StartAsync(root).ConfigureAwait(false);
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"Serving {root} as {SampleSite.PublicBaseUrl} (from {site.LocalBaseUrl}); using {lease.Description}.").ConfigureAwait(false);

        // The address guard stays on: only the sample site's own loopback port is let through.
        var settings = new Dictionary<string, string?> { ["NewsIngest:Fetch:AllowedPrivateHosts:0"] = site.LocalBaseUrl.Authority };
        await using var services = CliServices.Create(lease.ConnectionString, [SampleSite.FeedUrl], settings: settings,
            configure: s => s.AddHttpClient(PageFetcher.HttpClientName).AddHttpMessageHandler(() => new SampleSiteRouting(site.LocalBaseUrl)));
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(cancellationToken).ConfigureAwait(false);

        // Every article of the sample site, whether this run stored it or an earlier demo against the same store did.
        var store = services.GetRequiredService<ArticleStore>();
        var rows = new List<ArticleRow>();
        await foreach (var row in store.ListAsync(SampleSite.PublicBaseUrl.Host, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        ArticleTable.Write(rows);
        Console.Out.WriteLine(JsonSerializer.Serialize(summary));
        return rows.Count > 0 ? ExitCodes.Ok : ExitCodes.WorkFailed;
    }

    private static string? FindSamples()
    {
        // Beside the tool first (packed with it), then the repository around the current folder.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "site");
                if (File.Exists(Path.Combine(candidate, "feed.xml")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
