using NewsIngest.Core.Extraction;
using NewsIngest.Core.Extraction.Metadata;

namespace NewsIngest.Tests.Extraction;

public sealed class TitleCleanerTests
{
    [Theory]
    [InlineData("Trop tôt pour parler d’un dégel, selon le Kremlin – L'Actu Est-Ouest", "Trop tôt pour parler d’un dégel, selon le Kremlin")]
    [InlineData("Un lac souterrain découvert sous le massif du Vercors | Hexa", "Un lac souterrain découvert sous le massif du Vercors")]
    [InlineData("Baltic ferry operator orders three battery-powered ships | World | The Northern Ledger", "Baltic ferry operator orders three battery-powered ships")]
    [InlineData("Journal de l'Estuaire :: Economie :: Chantier naval Morvan : un repreneur néerlandais et 140 emplois sauvés", "Chantier naval Morvan : un repreneur néerlandais et 140 emplois sauvés")]
    [InlineData("Le maire démissionne après dix-huit ans de mandat - Le Progrès", "Le maire démissionne après dix-huit ans de mandat")]
    public void Site_name_parts_are_removed(string title, string expected)
    {
        Assert.Equal(expected, TitleCleaner.Clean(title, null, []));
    }

    [Fact]
    public void Part_equal_to_the_site_name_is_removed_even_when_long()
    {
        Assert.Equal("Réforme des retraites : ce qui change", TitleCleaner.Clean("Le Quotidien des Territoires et des Régions de France | Réforme des retraites : ce qui change", "Le Quotidien des Territoires et des Régions de France", []));
    }

    [Fact]
    public void Part_matching_a_page_heading_is_the_headline()
    {
        Assert.Equal("Ronde des Abers : le coup de force de Gwenaël Le Bihan", TitleCleaner.Clean("Breizh Sport Info - Ronde des Abers : le coup de force de Gwenaël Le Bihan", null, ["Ronde des Abers : le coup de force de Gwenaël Le Bihan"]));
    }

    [Theory]
    [InlineData("La ligne Briouze–Bagnoles rouvrira aux voyageurs en 2022")]
    [InlineData("Trump - Lavrov : une rencontre qui en dit long sur la relation")]
    [InlineData("Covid-19 : les hôpitaux sous tension")]
    public void Headlines_with_dashes_of_their_own_are_kept_whole(string title)
    {
        Assert.Equal(title, TitleCleaner.Clean(title, null, []));
    }

    [Fact]
    public void Extracted_title_prefers_og_title_and_strips_the_suffix_of_the_document_title()
    {
        var html = "<html><head><title>Budget : la commune investit | Le Journal</title></head><body><p>x</p></body></html>";
        Assert.Equal("Budget : la commune investit", new ArticleExtractor().Extract(html, PageContext.Empty).Title);
    }
}
