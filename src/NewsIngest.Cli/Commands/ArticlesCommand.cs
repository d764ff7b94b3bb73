using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Hosting;
using NewsIngest.Cli.Output;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest articles</c>: lists stored articles as a table, or as JSON Lines with <c>--json</c>.</summary>
internal static class ArticlesCommand
{
    public static Command Create()
    {
        var storage = StorageOption.Create();
        var site = new Option<string?>("--site") { Description = "Only articles of pages fetched from this host (e.g. www.example.fr), or dropped in a folder of that name, or dropped loose with a URL on that host." };
        var since = new Option<DateTimeOffset?>("--since") { CustomParser = DateArguments.Parse, Description = "Only articles of this day or later (publication date, else the day the page was fetched)." };
        var section = new Option<string?>("--section") { Description = "Only articles of this section (case-insensitive)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line with the full article fields." };
        var command = new Command("articles", "List the stored articles.") { storage, site, since, section, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(storage), parse.GetValue(site), parse.GetValue(since), parse.GetValue(section), parse.GetValue(json), ct));
        return command;
    }

    /// <summary>
    /// Uses the table keys rather than a scan: a site is a partition of Articles, a date a range of ArticlesByDay
    /// partitions (docs/storage.md). An article's day is its publication date, else the day its page was fetched.
    /// </summary>
    private static IAsyncEnumerable<ArticleRow> Query(ArticleStore store, string? site, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var sinceDay = since is { } moment ? DateOnly.FromDateTime(moment.Date) : (DateOnly?)null;
        return (site, sinceDay) switch
        {
            (not null, _) => store.ListBySiteAsync(site, sinceDay, cancellationToken),
            (null, { } day) => store.ListSinceAsync(day, cancellationToken),
            _ => store.ListAsync(site: null, cancellationToken),
        };
    }

    private static async Task<int> RunAsync(string? storageOption, string? site, DateTimeOffset? since, string? section, bool json, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await using var services = CliServices.Create(lease.ConnectionString);
        var store = services.GetRequiredService<ArticleStore>();
        var rows = new List<ArticleRow>();
        await foreach (var row in Query(store, site, since, cancellationToken).ConfigureAwait(false))
        {
            if (section is null || string.Equals(row.Section, section, StringComparison.OrdinalIgnoreCase))
            {
                rows.Add(row);
            }
        }

        if (!json)
        {
            ArticleTable.Write(rows);
            return 0;
        }

        foreach (var row in rows)
        {
            // The stored JSON as written, version stamps included, with the raw page's name in front.
            var stored = await store.GetJsonAsync(row, cancellationToken).ConfigureAwait(false);
            if (stored is not null && JsonNode.Parse(stored) is JsonObject node)
            {
                node.Insert(0, "blob", row.RawPageBlob);
                Console.Out.WriteLine(node.ToJsonString(ArticleJson.Compact));
            }
        }

        return 0;
    }
}
