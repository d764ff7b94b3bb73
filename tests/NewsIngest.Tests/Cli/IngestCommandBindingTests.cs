using NewsIngest.Cli.Commands;

namespace NewsIngest.Tests.Cli;

/// <summary>The command-line contract of <c>newsingest ingest</c>: how its options bind.</summary>
public sealed class IngestCommandBindingTests
{
    [Fact]
    public void Repeated_feed_options_bind_as_absolute_urls()
    {
        var command = IngestCommand.Create();
        var result = command.Parse(["--feed", "http://127.0.0.1:8080/feed.xml", "--feed", "https://news.example/rss", "--allow-private-addresses"]);
        Assert.Empty(result.Errors);
        var feeds = result.GetValue<Uri[]>("--feed") ?? [];
        Assert.Equal([new Uri("http://127.0.0.1:8080/feed.xml"), new Uri("https://news.example/rss")], feeds);
    }

    [Fact]
    public void A_feed_that_is_not_an_http_url_is_a_parse_error()
    {
        var result = IngestCommand.Create().Parse(["--feed", "ftp://news.example/feed"]);
        Assert.Contains(result.Errors, e => e.Message.Contains("is not an absolute http(s) URL", StringComparison.Ordinal));
    }
}
