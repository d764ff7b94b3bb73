using System.Text;
using Microsoft.AspNetCore.Http;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.LocalHost;

/// <summary>The repository's sample site (samples/site: a feed and four real article pages) on a local Kestrel, counting requests.</summary>
internal sealed class SampleSiteServer : IAsyncDisposable
{
    private static readonly string Root = Path.Combine(RepositoryPaths.Root, "samples", "site");

    private static readonly string[] PageFiles =
        [.. Directory.GetFiles(Root, "*.html", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private readonly LocalHttpServer _server;

    private SampleSiteServer(LocalHttpServer server) => _server = server;

    public static int PageCount => PageFiles.Length;

    public Uri FeedUrl => _server.Url("/feed.xml");

    /// <summary>The article pages the feed lists, as the poller canonicalizes them (no tracking parameters, no fragment).</summary>
    public IReadOnlyList<Uri> Pages => [.. PageFiles.Select(f => _server.Url("/" + f))];

    public int FeedRequests => RequestsFor(FeedUrl);

    public static byte[] PageHtml(int index) => File.ReadAllBytes(Path.Combine(Root, PageFiles[index]));

    public int RequestsFor(Uri url)
    {
        lock (_server.RequestedPaths)
        {
            return _server.RequestedPaths.Count(p => p == url.PathAndQuery);
        }
    }

    public static async Task<SampleSiteServer> StartAsync()
    {
        Uri? baseUrl = null;
        var server = await LocalHttpServer.StartAsync(async context =>
        {
            var relative = (context.Request.Path.Value ?? "/").TrimStart('/');
            var path = Path.Combine(Root, relative);
            if (relative.Length == 0 || !File.Exists(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var isFeed = relative.EndsWith(".xml", StringComparison.Ordinal);
            context.Response.ContentType = isFeed ? "application/rss+xml; charset=utf-8" : "text/html; charset=utf-8";
            var body = isFeed
                ? Encoding.UTF8.GetBytes((await File.ReadAllTextAsync(path)).Replace("{{BASE_URL}}", baseUrl!.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
                : await File.ReadAllBytesAsync(path);
            await context.Response.Body.WriteAsync(body);
        });
        baseUrl = server.BaseUrl;
        return new SampleSiteServer(server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
