using System.Text;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Small article pages built in the test, with the few fields every extractor finds (title, paragraphs, canonical link).</summary>
public static class TestPages
{
    /// <summary>A short article every extractor accepts, for tests about fetching and storing rather than extracting.</summary>
    public static byte[] Plain { get; } = Article("Un article", "Un premier paragraphe assez long pour être un article.\n\nEt un second paragraphe, pour faire bonne mesure.");

    public static byte[] Article(string title, string body, string? canonicalUrl = null)
    {
        var canonical = canonicalUrl is null ? string.Empty : $"<link rel=\"canonical\" href=\"{canonicalUrl}\">";
        var paragraphs = string.Concat(body.Split("\n\n").Select(p => $"<p>{p}</p>"));
        return Encoding.UTF8.GetBytes(
            $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title>{canonical}</head>" +
            $"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>");
    }
}
