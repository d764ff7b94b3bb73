namespace NewsIngest.Tests.Infrastructure;

/// <summary>The seed fixture page and its expected article, read from the test fixtures.</summary>
public static class SeedPage
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Extraction", "Fixtures", "seed-site");

    public static byte[] Html => File.ReadAllBytes(Path.Combine(Folder, "page.html"));

    public const string Title = "Trop tôt pour parler d’un dégel des relations russo-américaines, selon le Kremlin";

    public const string Section = "Russie";

    public const string Source = "agences et rédaction";

    public const string CanonicalUrl = "https://actu-est-ouest.example/russie/trop-tot-pour-parler-dun-degel-des-relations-russo-americaines-selon-le-kremlin/";
}
