using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NewsIngest.Core.Feeds;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// <c>newsingest bench nested-feeds</c>: feeds nested N levels deep (issue 10), read by <see cref="FeedReader"/> and, as the baseline in
/// the same run, loaded whole by <c>XDocument.Load</c> as the reader did before (quadratic in the nesting, so only up to a depth).
/// </summary>
internal static class NestedFeedBench
{
    private static readonly Uri FeedUrl = new("https://news.example/rss.xml");

    private static readonly XmlReaderSettings BaselineSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static int Run(IReadOnlyList<int> depths, int baselineMaxDepth)
    {
        Read(Nested(1000)); // warm-up: JIT
        Console.Out.WriteLine("levels\tbytes\tXDocument.Load s\tFeedReader s\tratio\tFeedReader outcome");
        foreach (var levels in depths)
        {
            var feed = Nested(levels);
            double? baseline = levels <= baselineMaxDepth ? Seconds(() => XDocument.Load(XmlReader.Create(new MemoryStream(feed), BaselineSettings))) : null;
            var (seconds, outcome) = Timed(feed);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{levels}\t{feed.Length}\t{baseline?.ToString("0.000", CultureInfo.InvariantCulture) ?? "not run"}\t{seconds:0.0000}\t{(baseline is { } b ? (b / seconds).ToString("0", CultureInfo.InvariantCulture) + "x" : "-")}\t{outcome}"));
        }

        return 0;
    }

    private static (double Seconds, string Outcome) Timed(byte[] feed)
    {
        var outcome = string.Empty;
        var seconds = Seconds(() => outcome = Read(feed));
        return (seconds, outcome);
    }

    private static string Read(byte[] feed)
    {
        try
        {
            return $"{FeedReader.Read(new MemoryStream(feed), FeedUrl).Count} item(s)";
        }
        catch (FeedFormatException ex)
        {
            return "refused: " + ex.Message;
        }
    }

    private static double Seconds(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>One item whose description nests <paramref name="levels"/> elements, as in issue 10.</summary>
    private static byte[] Nested(int levels) => Encoding.UTF8.GetBytes(
        "<rss><channel><item><link>https://news.example/a/1</link><description>"
        + string.Concat(Enumerable.Repeat("<x>", levels)) + string.Concat(Enumerable.Repeat("</x>", levels))
        + "</description></item></channel></rss>");
}
