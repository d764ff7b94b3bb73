namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The order feeds are read in: round-robin over their hosts. Each host takes one request a second (<c>MinDelayPerHost</c>), so
/// feeds of one site listed together would hold every reader waiting on that site while the other sites idle: 500 feeds of one
/// site at the head of the list would make the whole run go at one feed a second. Interleaved, every reader finds a host whose
/// turn has come, and only the largest site's own feeds, at its own pace, bound the run.
/// </summary>
internal static class FeedOrder
{
    /// <summary>First feed of each host (in order of first appearance), then the second of each, and so on.</summary>
    public static IEnumerable<Uri> InterleaveByHost(IEnumerable<Uri> feeds)
    {
        var hosts = feeds.GroupBy(feed => feed.IdnHost, StringComparer.OrdinalIgnoreCase).Select(host => host.ToArray()).ToArray();
        var longest = hosts.Length == 0 ? 0 : hosts.Max(host => host.Length);
        for (var round = 0; round < longest; round++)
        {
            foreach (var host in hosts)
            {
                if (round < host.Length)
                {
                    yield return host[round];
                }
            }
        }
    }
}
