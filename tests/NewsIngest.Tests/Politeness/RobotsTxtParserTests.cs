using NewsIngest.Core.Politeness;

namespace NewsIngest.Tests.Politeness;

public sealed class RobotsTxtParserTests
{
    private static bool Allowed(string robots, string path, string token = "NewsIngest") =>
        RobotsTxtParser.Parse(robots, token).IsAllowed(new Uri("https://news.example" + path));

    [Theory]
    [InlineData("/private/page", false)]
    [InlineData("/private/public/page", true)] // the longer Allow wins
    [InlineData("/news/1", true)]
    [InlineData("/robots.txt", true)]
    public void The_longest_matching_rule_decides(string path, bool allowed) =>
        Assert.Equal(allowed, Allowed("User-agent: *\nDisallow: /private\nAllow: /private/public\n", path));

    [Theory]
    [InlineData("/a/print.pdf", false)]
    [InlineData("/a/print.pdf?x=1", true)] // '$' anchors the end
    [InlineData("/search?q=x", false)]
    [InlineData("/article/search", true)]
    public void Wildcards_and_end_anchors_match_as_rfc_9309_says(string path, bool allowed) =>
        Assert.Equal(allowed, Allowed("User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*\n", path));

    [Fact]
    public void An_equally_specific_allow_beats_a_disallow() =>
        Assert.True(Allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page"));

    [Fact]
    public void Our_own_group_replaces_the_star_group_and_matches_the_token_case_insensitively()
    {
        const string Robots = "User-agent: *\nDisallow: /\n\nUser-agent: newsingest\nUser-agent: OtherBot\nDisallow: /drafts\nCrawl-delay: 5\n";
        Assert.True(Allowed(Robots, "/news/1"));
        Assert.False(Allowed(Robots, "/drafts/1"));
        Assert.False(Allowed(Robots, "/news/1", token: "SomeoneElse"));
        Assert.Equal(TimeSpan.FromSeconds(5), RobotsTxtParser.Parse(Robots, "NewsIngest").CrawlDelay);
    }

    [Fact]
    public void Comments_blank_disallows_and_junk_lines_are_ignored() =>
        Assert.True(Allowed("# hello\nUser-agent: * # all\nDisallow:\nnonsense line\nSitemap: https://news.example/s.xml\n", "/x"));

    [Fact]
    public void An_unreachable_robots_txt_disallows_everything_until_it_answers() =>
        Assert.False(RobotsRules.Unreachable.IsAllowed(new Uri("https://news.example/a")));

    [Theory]
    [InlineData("/actualités/une", false)]
    [InlineData("/actualit%c3%a9s/deux", false)]
    [InlineData("/actualites/trois", true)]
    public void Non_ascii_patterns_and_paths_are_compared_percent_encoded(string path, bool allowed) =>
        Assert.Equal(allowed, Allowed("User-agent: *\nDisallow: /actualités/\n", path));
}
