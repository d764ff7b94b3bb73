using System.Text;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Tests.Pipeline;

public sealed class MarkupDepthTests
{
    [Fact]
    public void Every_fixture_page_and_sample_page_nests_far_below_the_default_limit()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Extraction", "Fixtures"), "page.html", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Infrastructure.RepositoryPaths.Root, "samples", "site"), "*.html"));

        var deepest = pages.Max(page => MarkupDepth.Estimate(File.ReadAllBytes(page)));

        Assert.InRange(deepest, 5, new ParseOptions().MaxNestingDepth / 10);
    }

    [Theory]
    [InlineData("<div><div><span>x</span></div></div>", 3)]
    [InlineData("<ul><li>a<li>b<li>c</ul><p>un<p>deux<p>trois", 1)]
    [InlineData("<div><br><img src='a>b'><hr/><input></div>", 1)]
    [InlineData("<div/><div/><div/>", 3)]
    [InlineData("<svg><g><path d='M0 0'/><circle/></g></svg><div/>", 2)]
    [InlineData("<div><!-- <div><div><div> --><script>if (a<b) { '<div><div>' }</script><style>p<q{}</style></div>", 1)]
    [InlineData("<svg><path d='M0 0'/><path/></svg>", 1)]
    [InlineData("</div></div><div>", 1)]
    public void Depth_counts_only_elements_that_really_nest(string html, int expected)
    {
        Assert.Equal(expected, MarkupDepth.Estimate(Encoding.UTF8.GetBytes(html)));
    }

    [Fact]
    public void Counting_stops_at_the_limit_so_a_huge_page_costs_no_more_than_needed()
    {
        var html = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<b>", 1_000_000)));

        Assert.Equal(1001, MarkupDepth.Estimate(html, stopAt: 1001));
    }
}
