using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Storage;
using Spectre.Console;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest rejections</c>: the raw pages that gave no article, with the reason.</summary>
internal static class RejectionsCommand
{
    public static Command Create()
    {
        var storage = StorageOption.Create();
        var json = new Option<bool>("--json") { Description = "One JSON object per line: blob, status, reason, rejectedAt." };
        var command = new Command("rejections", "List refused pages and why.") { storage, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(storage), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? storageOption, bool json, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await using var services = CliServices.Create(lease.ConnectionString);
        var table = new Table().AddColumns("Blob", "Status", "Reason", "When");
        await foreach (var rejection in services.GetRequiredService<RejectionStore>().ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { blob = rejection.Blob, status = rejection.Status, reason = rejection.Reason, rejectedAt = rejection.RejectedAt }));
            }
            else
            {
                table.AddRow(Markup.Escape(rejection.Blob), Markup.Escape(rejection.Status), Markup.Escape(rejection.Reason),
                    rejection.RejectedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "—");
            }
        }

        if (!json)
        {
            AnsiConsole.Write(table);
        }

        return 0;
    }
}
