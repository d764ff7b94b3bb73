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
        var feeds = new Option<Uri[]>("--feed") { CustomParser = UriArguments.ParseMany, Description = "A feed URL (repeatable); default: the configured NewsIngest:Feeds.", AllowMultipleArgumentsPerToken = false };
        var storage = StorageOption.Create();
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "Allow loopback and private-network addresses (local test sites)." };
        var command = new Command("ingest", "Run one full cycle: read the feeds, download new pages, parse them into articles.") { feeds, storage, allowPrivate };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(feeds) ?? [], parse.GetValue(storage), parse.GetValue(allowPrivate), ct));
        return command;
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
