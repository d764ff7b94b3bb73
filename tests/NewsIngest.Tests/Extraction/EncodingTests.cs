using System.Text;
using NewsIngest.Core.Extraction;

namespace NewsIngest.Tests.Extraction;

public sealed class EncodingTests
{
    private static readonly ArticleExtractor Extractor = new();

    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Headline = "L’été où l’œuvre coûta 5 € — « déjà » vu…";

    private static string Page(string head) =>
        "<html><head>" + head + "<title>" + Headline + "</title></head><body><article><h1>" + Headline + "</h1>" + PageBuilder.Paragraphs + "</article></body></html>";

    [Fact]
    public void Windows_1252_bytes_declared_as_iso_8859_1_decode_without_mojibake()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"));
        Assert.Equal(Headline, Extractor.Extract(bytes, PageContext.Empty).Title);
    }

    [Fact]
    public void Meta_charset_declaration_is_honoured()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Page("<meta charset=\"windows-1252\">"));
        Assert.Equal(Headline, Extractor.Extract(bytes, PageContext.Empty).Title);
    }

    [Fact]
    public void Utf8_byte_order_mark_wins_over_a_wrong_meta_declaration()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Page("<meta charset=\"iso-8859-1\">"))).ToArray();
        var article = Extractor.Extract(bytes, PageContext.Empty);
        Assert.Equal(Headline, article.Title);
        Assert.DoesNotContain('\uFEFF', article.Body!);
    }

    [Fact]
    public void Utf16_byte_order_mark_is_detected()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Page(string.Empty))).ToArray();
        Assert.Equal(Headline, Extractor.Extract(bytes, PageContext.Empty).Title);
    }

    [Fact]
    public void Http_charset_beats_the_meta_declaration()
    {
        var bytes = Encoding.UTF8.GetBytes(Page("<meta charset=\"iso-8859-1\">"));
        var article = Extractor.Extract(bytes, new PageContext(null, "text/html; charset=UTF-8"));
        Assert.Equal(Headline, article.Title);
    }

    [Fact]
    public void Http_latin1_label_means_windows_1252()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Page("<meta charset=\"utf-8\">"));
        var article = Extractor.Extract(bytes, new PageContext(null, "text/html; charset=ISO-8859-1"));
        Assert.Equal(Headline, article.Title);
    }

    [Fact]
    public void Utf8_bytes_under_a_stale_latin1_declaration_decode_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Page("<meta charset=\"iso-8859-1\">"));
        Assert.Equal(Headline, Extractor.Extract(bytes, PageContext.Empty).Title);
    }

    [Fact]
    public void Undeclared_utf8_is_detected()
    {
        Assert.Equal(Headline, Extractor.Extract(Encoding.UTF8.GetBytes(Page(string.Empty)), PageContext.Empty).Title);
    }

    [Fact]
    public void Undeclared_invalid_utf8_falls_back_to_windows_1252()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Page(string.Empty));
        Assert.Equal(Headline, Extractor.Extract(bytes, PageContext.Empty).Title);
    }
}
