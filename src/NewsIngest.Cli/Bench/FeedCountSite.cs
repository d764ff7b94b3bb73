using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using NewsIngest.Cli.Hosting;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// The local site of <c>bench feeds</c> on 127.0.0.1: any number of small feeds (RSS for even numbers, Atom for odd ones), each
/// listing its <see cref="ItemsPerFeed"/> latest items, spread over <c>feed-{n}.bench.localhost</c> names (loopback by RFC 6761,
/// so no DNS and no routing) so per-host politeness sees many hosts. Feeds are made on request from their number and version,
/// so the site holds nothing per feed but the feeds that changed; each answers a conditional GET on its ETag or
/// Last-Modified with 304.
/// </summary>
internal sealed class FeedCountSite : IAsyncDisposable
{
    /// <summary>Items each feed lists: its latest ones, as news feeds do.</summary>
    public const int ItemsPerFeed = 5;

    private static readonly DateTimeOffset Epoch = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly LoopbackSite _site;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Sweep, int Feed), int> _versions = new();
    private long _ok;
    private long _notModified;
    private long _itemsServed;

    private FeedCountSite(LoopbackSite site) => _site = site;

    public int Port => _site.BaseUrl.Port;

    /// <summary>Feeds answered in full (200), 304 and the items the full answers listed, since the last <see cref="ResetCounts"/>.</summary>
    public (long Ok, long NotModified, long Items) Counts => (Interlocked.Read(ref _ok), Interlocked.Read(ref _notModified), Interlocked.Read(ref _itemsServed));

    public static async Task<FeedCountSite> StartAsync()
    {
        FeedCountSite? self = null;
        var site = await LoopbackSite.StartAsync(context => self!.HandleAsync(context)).ConfigureAwait(false);
        self = new FeedCountSite(site);
        return self;
    }

    /// <summary>The URL of feed <paramref name="index"/> of a sweep: one of <paramref name="hosts"/> host names, by index modulo hosts.</summary>
    public Uri FeedUrl(string sweep, int index, int hosts) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://feed-{index % hosts}.bench.localhost:{Port}/{sweep}/feeds/{index}.xml"));

    /// <summary>Publishes one new item in every <paramref name="every"/>-th feed of the sweep (feeds 0, every, 2·every…); returns how many.</summary>
    public int PublishNewItems(string sweep, int feeds, int every)
    {
        var changed = 0;
        for (var index = 0; index < feeds; index += every)
        {
            _versions.AddOrUpdate((sweep, index), 1, (_, version) => version + 1);
            changed++;
        }

        return changed;
    }

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _ok, 0);
        Interlocked.Exchange(ref _notModified, 0);
        Interlocked.Exchange(ref _itemsServed, 0);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        // /{sweep}/feeds/{index}.xml
        var parts = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not [var sweep, "feeds", var file] || !file.EndsWith(".xml", StringComparison.Ordinal)
            || !int.TryParse(file[..^".xml".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var version = _versions.TryGetValue((sweep, index), out var v) ? v : 0;
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{sweep}-{index}-{version}\"");
        var modified = Epoch.AddHours(version);
        if (IsUnchanged(context.Request, etag, modified))
        {
            Interlocked.Increment(ref _notModified);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ETag = etag;
            return;
        }

        Interlocked.Increment(ref _ok);
        Interlocked.Add(ref _itemsServed, ItemsPerFeed);
        var atom = index % 2 == 1;
        context.Response.ContentType = atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        var feedUrl = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}");
        await context.Response.Body.WriteAsync(Feed(feedUrl, index, version, atom), context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsUnchanged(HttpRequest request, string etag, DateTimeOffset modified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return ifNoneMatch.Split(',').Any(tag => tag.Trim() == etag);
        }

        return request.Headers.IfModifiedSince.Count > 0
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && modified <= since;
    }

    /// <summary>Items <c>version … version + ItemsPerFeed - 1</c>, newest first: each new version adds one and drops the oldest.</summary>
    private static byte[] Feed(Uri feedUrl, int index, int version, bool atom)
    {
        var xml = new StringBuilder(1024);
        xml.Append(atom
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench feed</title>"
            : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Bench feed</title><link>" + feedUrl.AbsoluteUri + "</link><description>bench</description>");
        for (var item = version + ItemsPerFeed - 1; item >= version; item--)
        {
            var link = new Uri(feedUrl, string.Create(CultureInfo.InvariantCulture, $"{index}/{item}.html")).AbsoluteUri;
            var published = Epoch.AddHours(item);
            if (atom)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<entry><title>Item {item} of feed {index}</title><link href=\"{link}\"/><id>{link}</id><updated>{published:yyyy-MM-ddTHH:mm:ssZ}</updated></entry>");
            }
            else
            {
                xml.Append(CultureInfo.InvariantCulture, $"<item><title>Item {item} of feed {index}</title><link>{link}</link><pubDate>{published.ToString("R", CultureInfo.InvariantCulture)}</pubDate></item>");
            }
        }

        xml.Append(atom ? "</feed>" : "</channel></rss>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
