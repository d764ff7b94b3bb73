using System.Text;
using Microsoft.AspNetCore.Http;
using NewsIngest.Cli.Hosting;

namespace NewsIngest.Cli.Demo;

/// <summary>
/// Serves the bundled sample site (samples/site) on 127.0.0.1 with a free port, so the demo runs offline.
/// Feeds hold the placeholder <c>{{BASE_URL}}</c>, replaced by the server's address as they are served.
/// </summary>
internal sealed class SampleSite : IAsyncDisposable
{
    public const string BaseUrlPlaceholder = "{{BASE_URL}}";

    private readonly LoopbackSite _site;

    private SampleSite(LoopbackSite site) => _site = site;

    public Uri BaseUrl => _site.BaseUrl;

    public static async Task<SampleSite> StartAsync(string root)
    {
        var fullRoot = Path.GetFullPath(root);
        Uri? baseUrl = null;
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
                    .Replace(BaseUrlPlaceholder, baseUrl!.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            // Pages are served as raw bytes with no charset, so the extractor must honour what the page itself declares.
            context.Response.ContentType = "text/html";
            await context.Response.SendFileAsync(path, context.RequestAborted).ConfigureAwait(false);
        }).ConfigureAwait(false);
        baseUrl = site.BaseUrl;
        return new SampleSite(site);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
