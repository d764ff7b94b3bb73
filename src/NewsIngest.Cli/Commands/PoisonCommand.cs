using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;
using Spectre.Console;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest poison</c>: the page requests that failed every delivery, and moving them back to the queue.</summary>
internal static class PoisonCommand
{
    public static Command Create()
    {
        var storage = StorageOption.Create();
        var requeue = new Option<bool>("--requeue") { Description = "Move every poisoned request back to page-requests, to be fetched again." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: messageId, insertedOn, url, feedUrl, reason (and requeued)." };
        var command = new Command("poison", "List page requests that failed every retry (page-requests-poison), with the reason; --requeue moves them back.") { storage, requeue, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(storage), parse.GetValue(requeue), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? storageOption, bool requeue, bool json, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await using var services = CliServices.Create(lease.ConnectionString);
        var poison = services.GetRequiredService<PoisonedRequests>();
        var listed = new List<PoisonedRequest>();
        if (requeue)
        {
            listed.AddRange(await poison.RequeueAllAsync(cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await foreach (var request in poison.PeekAsync(cancellationToken).ConfigureAwait(false))
            {
                listed.Add(request);
            }
        }

        if (json)
        {
            foreach (var request in listed)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    messageId = request.MessageId,
                    insertedOn = request.InsertedOn,
                    url = request.Url?.AbsoluteUri,
                    feedUrl = request.FeedUrl?.AbsoluteUri,
                    reason = request.Reason,
                    requeued = requeue,
                }));
            }

            return 0;
        }

        var table = new Table().AddColumns("URL", "Reason", "Poisoned");
        foreach (var request in listed)
        {
            table.AddRow(Markup.Escape(request.Url?.AbsoluteUri ?? request.Body), Markup.Escape(request.Reason ?? "—"),
                request.InsertedOn?.ToString("u", CultureInfo.InvariantCulture) ?? "—");
        }

        AnsiConsole.Write(table);
        var remaining = await poison.CountAsync(cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(requeue
            ? $"Requeued {listed.Count} request(s) to page-requests."
            : $"{remaining} message(s) in {PoisonedRequests.Name} (up to 32 shown), plus any poisoned page whose message is gone; --requeue moves them all back.").ConfigureAwait(false);
        return 0;
    }
}
