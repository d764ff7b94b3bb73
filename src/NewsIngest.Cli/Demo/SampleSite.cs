using System.Text;
using Microsoft.AspNetCore.Http;
using NewsIngest.Cli.Hosting;

namespace NewsIngest.Cli.Demo;

/// <summary>
/// Serves the bundled sample site (samples/site) on 127.0.0.1 with a free port, so the demo runs offline. Feeds hold the
/// placeholder <c>{{BASE_URL}}</c>, replaced by <see cref="PublicBaseUrl"/>: a stable address (a <c>.localhost</c> name,
/// which no real site can have), so the sample pages keep their URLs from one demo to the next whatever the port, and a
/// second demo against a lasting store finds them stored already. <see cref="SampleSiteRouting"/> maps it to the port.
/// </summary>
internal sealed class SampleSite : IAsyncDisposable
{
    public const string BaseUrlPlaceholder = "{{BASE_URL}}";

    /// <summary>The address the sample pages have in the feed and in storage, whatever port serves them.</summary>
    public static readonly Uri PublicBaseUrl = new("http://demo.newsingest.localhost/");

    private readonly LoopbackSite _site;

    private SampleSite(LoopbackSite site) => _site = site;

    /// <summary>Where the site really listens this time: 127.0.0.1 and a free port.</summary>
    public Uri LocalBaseUrl => _site.BaseUrl;

    public static Uri FeedUrl => new(PublicBaseUrl, "feed.xml");

    public static async Task<SampleSite> StartAsync(string root)
    {
        var fullRoot = Path.GetFullPath(root);
        var site = await LoopbackSite.StartAsync(async context =>
        {
            var relative = (context.Request.Path.Value ?? "/").TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(fullRoot, relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative));
            if (!path.StartsWith(fullRoot, StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = "application/rss+xml; charset=utf-8";
                var text = (await File.ReadAllTextAsync(path, context.RequestAborted).ConfigureAwait(false))
                    .Replace(BaseUrlPlaceholder, PublicBaseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            // Pages are served as raw bytes with no charset, so the extractor must honour what the page itself declares.
            context.Response.ContentType = "text/html";
            await context.Response.SendFileAsync(path, context.RequestAborted).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new SampleSite(site);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
