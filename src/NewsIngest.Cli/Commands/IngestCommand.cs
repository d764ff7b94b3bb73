using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest ingest</c>: one full pipeline cycle in-process — feeds, pages, parse, table.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var feeds = new Option<Uri[]>("--feed")
        {
            Description = "A feed URL (repeatable); default: the configured NewsIngest:Feeds.",
            AllowMultipleArgumentsPerToken = false,
            // System.CommandLine has no built-in Uri conversion: without this parser every --feed fails to bind.
            CustomParser = ParseFeeds,
        };
        var storage = StorageOption.Create();
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "Allow loopback and private-network addresses (local test sites)." };
        var command = new Command("ingest", "Run one full cycle: read the feeds, download new pages, parse them into articles.") { feeds, storage, allowPrivate };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(feeds) ?? [], parse.GetValue(storage), parse.GetValue(allowPrivate), ct));
        return command;
    }

    private static Uri[] ParseFeeds(System.CommandLine.Parsing.ArgumentResult result)
    {
        var urls = new List<Uri>();
        foreach (var token in result.Tokens)
        {
            if (Uri.TryCreate(token.Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                urls.Add(url);
            }
            else
            {
                result.AddError($"--feed expects an absolute http(s) URL: '{token.Value}'.");
            }
        }

        return [.. urls];
    }

    private static async Task<int> RunAsync(Uri[] feeds, string? storageOption, bool allowPrivate, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"Using {lease.Description}.").ConfigureAwait(false);
        await using var services = CliServices.Create(lease.ConnectionString, feeds, allowPrivate);
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(JsonSerializer.Serialize(summary));
        return 0;
    }
}
