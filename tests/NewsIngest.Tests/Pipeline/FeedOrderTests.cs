using NewsIngest.Core.Pipeline;

namespace NewsIngest.Tests.Pipeline;

public sealed class FeedOrderTests
{
    [Fact]
    public void Feeds_of_one_site_listed_together_are_read_in_turn_with_the_other_sites_feeds_and_none_is_dropped()
    {
        Uri[] feeds =
        [
            new("https://a.example/1.xml"), new("https://a.example/2.xml"), new("https://A.example/3.xml"),
            new("https://b.example/1.xml"), new("http://c.example:8080/1.xml"), new("https://b.example/2.xml"),
        ];

        var order = FeedOrder.InterleaveByHost(feeds).Select(feed => feed.AbsoluteUri).ToList();

        Assert.Equal(
            ["https://a.example/1.xml", "https://b.example/1.xml", "http://c.example:8080/1.xml", "https://a.example/2.xml", "https://b.example/2.xml", "https://a.example/3.xml"],
            order);
    }
}
