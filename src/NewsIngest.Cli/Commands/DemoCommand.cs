using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Demo;
using NewsIngest.Cli.Hosting;
using NewsIngest.Cli.Output;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest demo</c>: the main job on the bundled sample site, offline, printing the articles it stored.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var samples = new Option<DirectoryInfo?>("--samples") { Description = "The sample site folder (default: samples/site in the repository)." };
        var storage = StorageOption.Create();
        var command = new Command("demo", "Serve the bundled sample site locally and run one full ingest cycle over it.") { samples, storage };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(samples), parse.GetValue(storage), ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? samples, string? storageOption, CancellationToken cancellationToken)
    {
        var root = samples?.FullName ?? FindSamples()
            ?? throw new InvalidOperationException("samples/site not found: run from the repository or pass --samples.");
        await using var site = await SampleSite.StartAsync(root).ConfigureAwait(false);
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"Serving {root} at {site.BaseUrl}; using {lease.Description}.").ConfigureAwait(false);

        await using var services = CliServices.Create(lease.ConnectionString, [new Uri(site.BaseUrl, "feed.xml")], allowPrivateAddresses: true);
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(cancellationToken).ConfigureAwait(false);

        var store = services.GetRequiredService<ArticleStore>();
        var rows = new List<ArticleRow>();
        await foreach (var row in store.ListAsync(site: null, cancellationToken).ConfigureAwait(false))
        {
            if (summary.StoredPages.Contains(row.RawPageBlob))
            {
                rows.Add(row);
            }
        }

        ArticleTable.Write(rows);
        Console.Out.WriteLine(JsonSerializer.Serialize(summary));
        return summary.Parsed > 0 ? 0 : 1;
    }

    private static string? FindSamples()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
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
