using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsIngest.Cli.Errors;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;
using NewsIngest.LocalHost;

namespace NewsIngest.Cli.Commands;

/// <summary>
/// <c>newsingest run</c>: the app's three triggers on the WebJobs SDK listeners in this process, until Ctrl+C — what <c>func start</c>
/// does, for a machine without Core Tools. Pages dropped into <c>raw-pages</c> by any tool are parsed while it runs.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var feeds = new Option<Uri[]>("--feed") { CustomParser = UriArguments.ParseMany, Description = "A feed URL (repeatable); default: the configured NewsIngest:Feeds.", AllowMultipleArgumentsPerToken = false };
        var storage = StorageOption.Create();
        var schedule = new Option<string?>("--schedule")
        {
            Description = $"NCRONTAB schedule of FetchFeeds, seconds first (\"*/30 * * * * *\"); default: the {LocalFunctionHost.ScheduleSetting} setting, else \"{LocalFunctionHost.DefaultSchedule}\".",
        };
        schedule.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !LocalFunctionHost.IsValidSchedule(value))
            {
                result.AddError($"'{value}' is not an NCRONTAB schedule (six fields: second minute hour day month day-of-week) nor a time span.");
            }
        });
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "Allow loopback and private-network addresses (local test sites)." };
        var command = new Command("run", "Host FetchFeeds (timer), FetchPage (queue) and ParsePage (blob trigger) on the WebJobs SDK listeners until Ctrl+C, as func start would.")
        {
            feeds, storage, schedule, allowPrivate,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(feeds) ?? [], parse.GetValue(storage), parse.GetValue(schedule), parse.GetValue(allowPrivate), ct));
        return command;
    }

    private static async Task<int> RunAsync(Uri[] feeds, string? storageOption, string? schedule, bool allowPrivate, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"Using {lease.Description}.").ConfigureAwait(false);
        if (lease.IsTemporary)
        {
            await Console.Error.WriteLineAsync("Warning: the temporary Azurite and everything stored in it go away when this command stops.").ConfigureAwait(false);
        }

        schedule ??= CliServices.Configuration(lease.ConnectionString)[LocalFunctionHost.ScheduleSetting] is { Length: > 0 } configured ? configured : LocalFunctionHost.DefaultSchedule;
        if (!LocalFunctionHost.IsValidSchedule(schedule))
        {
            throw CommandException.Usage($"The {LocalFunctionHost.ScheduleSetting} setting '{schedule}' is not an NCRONTAB schedule: fix it or pass --schedule.");
        }

        var settings = new Dictionary<string, string?> { [LocalFunctionHost.ScheduleSetting] = schedule };
        var effective = CliServices.Configuration(lease.ConnectionString, feeds, allowPrivate, settings);
        using var host = LocalFunctionHost.Build(effective, ConfigureLogging);
        await Console.Error.WriteLineAsync(
            $"Running FetchFeeds on \"{schedule}\", FetchPage and ParsePage: one line per page; Ctrl+C stops.").ConfigureAwait(false);
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the host has stopped its listeners and finished the functions in flight.
        }

        return 0;
    }

    /// <summary>
    /// One line per page (parsed or rejected) and per feed poll, over the CLI's defaults (one line per problem, details with
    /// --verbose); the SDK's own messages from warnings up, storage's from errors up.
    /// </summary>
    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        CliServices.ConfigureLogging(logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        }));
        if (Verbosity.IsVerbose)
        {
            return;
        }

        logging
            // The storage SDK logs every 404 as a warning, and the listeners probe for queues and blobs that do not exist yet.
            .AddFilter("Azure", LogLevel.Error)
            // A failing page is one line, the SDK's "Executed 'FetchPage' (Failed …)" with the reason: the host's copy of it
            // (Host.Results) would double it.
            .AddFilter("Host.Results", LogLevel.None)
            .AddFilter(typeof(PageProcessor).FullName, LogLevel.Information)
            .AddFilter(typeof(FeedPoller).FullName, LogLevel.Information);
    }
}
