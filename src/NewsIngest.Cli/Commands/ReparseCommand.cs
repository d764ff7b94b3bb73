using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Hosting;
using NewsIngest.Cli.Output;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Cli.Commands;

/// <summary>
/// <c>newsingest reparse</c>: runs stored raw pages through ParsePage's code again (after an extractor upgrade, or to
/// finish an interrupted run). Its last line is <c>{"parsed":n,"rejected":n,"unchanged":n}</c>, with <c>"failed":n</c> and exit
/// code 1 when storage refused some pages.
/// </summary>
internal static class ReparseCommand
{
    public static Command Create()
    {
        var storage = StorageOption.Create();
        var since = new Option<DateTimeOffset?>("--since") { CustomParser = DateArguments.Parse, Description = "Only raw pages written (fetched or dropped) on or after this date." };
        var host = new Option<string?>("--host") { Description = "Only raw pages of this host (their first folder, e.g. www.example.fr)." };
        var command = new Command("reparse", "Re-extract stored raw pages into articles; pages already done by this extractor version are skipped.") { storage, since, host };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(storage), parse.GetValue(since), parse.GetValue(host), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? storageOption, DateTimeOffset? since, string? host, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"Using {lease.Description}.").ConfigureAwait(false);
        await using var services = CliServices.Create(lease.ConnectionString);
        var reparser = services.GetRequiredService<PageReparser>();
        var filter = new ReparseFilter(since, host);
        var summary = await ReparseProgress.RunAsync(
            ct => reparser.CountAsync(filter, ct),
            (progress, ct) => reparser.RunAsync(filter, progress, ct),
            cancellationToken).ConfigureAwait(false);
        if (summary.Failed > 0)
        {
            await Console.Error.WriteLineAsync($"{summary.Failed} page(s) failed in storage (logged above; `newsingest rejections` lists them as {RejectionStatus.StorageFailed}); the next reparse tries them again.").ConfigureAwait(false);
        }

        Console.Out.WriteLine(JsonSerializer.Serialize(summary));
        return summary.Failed == 0 ? 0 : 1;
    }
}
