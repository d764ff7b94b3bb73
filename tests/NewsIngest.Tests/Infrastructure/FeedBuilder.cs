using System.Security;
using System.Text;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Writes small RSS 2.0 feeds for tests.</summary>
public static class FeedBuilder
{
    public static byte[] Rss(params Uri[] links)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Test</title><link>http://127.0.0.1/</link><description>t</description>");
        foreach (var link in links)
        {
            xml.Append("<item><title>Item</title><link>").Append(SecurityElement.Escape(link.AbsoluteUri))
               .Append("</link><pubDate>Thu, 11 May 2017 10:47:00 GMT</pubDate></item>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }
}
