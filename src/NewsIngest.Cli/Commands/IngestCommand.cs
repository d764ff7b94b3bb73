using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Errors;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest ingest</c>: one full pipeline cycle in-process — feeds, pages, parse, table.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var feeds = new Option<Uri[]>("--feed") { CustomParser = UriArguments.ParseMany, Description = "A feed URL (repeatable); default: the configured NewsIngest:Feeds.", AllowMultipleArgumentsPerToken = false };
        var storage = StorageOption.Create();
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "Allow loopback and private-network addresses (local test sites)." };
        var command = new Command("ingest", "Run one full cycle: read the feeds, download new pages, parse them into articles.") { feeds, storage, allowPrivate };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(feeds) ?? [], parse.GetValue(storage), parse.GetValue(allowPrivate), ct));
        return command;
    }

    private static async Task<int> RunAsync(Uri[] feeds, string? storageOption, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (feeds.Length == 0 && !new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection($"{FeedOptions.SectionName}:Feeds").GetChildren().Any())
        {
            throw CommandException.Usage("No feed to read: pass --feed URL (repeatable), or set NewsIngest__Feeds__0, NewsIngest__Feeds__1, ...");
        }

        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        if (!lease.IsTemporary)
        {
            await Console.Error.WriteLineAsync($"Using {lease.Description}.").ConfigureAwait(false);
        }

        await using var services = CliServices.Create(lease.ConnectionString, feeds, allowPrivate);
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(cancellationToken).ConfigureAwait(false);
        foreach (var refused in summary.RefusedFeeds)
        {
            await Console.Error.WriteLineAsync(
                $"{refused} is on a loopback, private or link-local address, refused by default (SSRF guard): pass --allow-private-addresses if it is a site you trust, such as a local test site.").ConfigureAwait(false);
        }

        Console.Out.WriteLine(JsonSerializer.Serialize(summary));
        if (summary.Feeds > 0 && summary.FailedFeeds >= summary.Feeds)
        {
            await Console.Error.WriteLineAsync($"No feed could be read ({summary.FailedFeeds} of {summary.Feeds} failed; the reasons are above).").ConfigureAwait(false);
            return ExitCodes.WorkFailed;
        }

        return ExitCodes.Ok;
    }
}
