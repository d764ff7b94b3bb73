using System.Text;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Tests.Pipeline;

public sealed class PageSnifferTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \r\n\t ", "empty")]
    [InlineData("%PDF-1.7 ...", "not-html")]
    [InlineData("just some text without markup", "not-html")]
    public void Non_pages_are_classified_with_a_status(string content, string status)
    {
        Assert.Equal(status, PageSniffer.Classify(Encoding.UTF8.GetBytes(content))?.Status);
    }

    [Fact]
    public void Images_and_binary_files_are_not_html()
    {
        Assert.Equal("not-html", PageSniffer.Classify([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])?.Status);
        Assert.Equal("not-html", PageSniffer.Classify([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A])?.Status);
        Assert.Equal("not-html", PageSniffer.Classify([(byte)'<', 0, 1, 2, 3])?.Status);
    }

    [Fact]
    public void Html_in_any_encoding_passes()
    {
        Assert.Null(PageSniffer.Classify("<!DOCTYPE html><p>é</p>"u8));
        Assert.Null(PageSniffer.Classify(Encoding.Latin1.GetBytes("<html><p>caf\u00e9</p></html>")));
        Assert.Null(PageSniffer.Classify([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<html></html>")]));
    }
}
