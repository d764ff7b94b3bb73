using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using NewsIngest.Cli.Hosting;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// A local news site for the benchmark on 127.0.0.1: <c>/feed.xml</c> lists <c>/article/{i}.html</c> for every page,
/// each a realistic article (navigation, headline, a dozen paragraphs, footer) of about 12 KB, distinct per page.
/// </summary>
internal sealed class BenchSite : IAsyncDisposable
{
    private const string Words = "le gouvernement a annoncé mardi une série de mesures destinées à soutenir les communes rurales touchées par la sécheresse " +
        "selon le ministre ces aides seront versées avant la fin du mois et concerneront près de trois mille exploitations agricoles dans quinze départements " +
        "les élus locaux saluent un premier pas mais jugent l'enveloppe insuffisante au regard des pertes enregistrées depuis le printemps dernier";

    private readonly LoopbackSite _site;

    private BenchSite(LoopbackSite site) => _site = site;

    public Uri BaseUrl => _site.BaseUrl;

    public Uri FeedUrl => new(BaseUrl, "feed.xml");

    /// <summary>Page bytes for page <paramref name="index"/>; the ceiling loop writes exactly these.</summary>
    public static byte[] Page(int index)
    {
        var words = Words.Split(' ');
        var html = new StringBuilder(16 * 1024);
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Article {index} : les communes rurales face à la sécheresse</title>");
        html.Append(CultureInfo.InvariantCulture, $"<meta property=\"og:title\" content=\"Article {index} : les communes rurales face à la sécheresse\"><meta property=\"article:published_time\" content=\"2024-03-01T08:{index % 60:00}:00+01:00\"></head><body>");
        html.Append("<header><nav><a href=\"/\">Accueil</a> <a href=\"/politique/\">Politique</a> <a href=\"/economie/\">Économie</a> <a href=\"/sport/\">Sport</a></nav></header>");
        html.Append(CultureInfo.InvariantCulture, $"<main><article><h1>Article {index} : les communes rurales face à la sécheresse</h1><p class=\"byline\">Par la rédaction</p>");
        for (var p = 0; p < 12; p++)
        {
            html.Append("<p>");
            for (var w = 0; w < 90; w++)
            {
                html.Append(words[(index * 7 + p * 13 + w) % words.Length]).Append(' ');
            }

            html.Append(CultureInfo.InvariantCulture, $"(paragraphe {p} de l'article {index}).</p>");
        }

        html.Append("</article></main><footer><p>© Journal de test — mentions légales — contact</p></footer></body></html>");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    public static async Task<BenchSite> StartAsync(int pages)
    {
        byte[]? feed = null;
        var site = await LoopbackSite.StartAsync(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path == "/feed.xml")
            {
                context.Response.ContentType = "application/rss+xml; charset=utf-8";
                await context.Response.Body.WriteAsync(feed, context.RequestAborted).ConfigureAwait(false);
            }
            else if (path.StartsWith("/article/", StringComparison.Ordinal) && int.TryParse(path["/article/".Length..].Replace(".html", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture, out var index))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.Body.WriteAsync(Page(index), context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }).ConfigureAwait(false);
        feed = Feed(site.BaseUrl, pages);
        return new BenchSite(site);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static byte[] Feed(Uri baseUrl, int pages)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Bench</title><link>")
            .Append(SecurityElement.Escape(baseUrl.AbsoluteUri)).Append("</link><description>bench</description>");
        for (var i = 0; i < pages; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>Article {i}</title><link>{SecurityElement.Escape(new Uri(baseUrl, $"article/{i}.html").AbsoluteUri)}</link><pubDate>Fri, 01 Mar 2024 08:00:00 +0100</pubDate></item>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }
}
