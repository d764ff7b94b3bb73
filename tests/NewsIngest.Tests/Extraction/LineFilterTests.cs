using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Content;

namespace NewsIngest.Tests.Extraction;

public sealed class LineFilterTests
{
    [Theory]
    [InlineData("More Great WIRED Stories")]
    [InlineData("Related articles")]
    [InlineData("DON'T MISS")]
    [InlineData("À lire aussi")]
    [InlineData("Sur le même sujet")]
    public void Recirculation_headings_are_recognised(string line)
    {
        Assert.Matches(LineVocabulary.RecirculationHeading(), line);
    }

    [Theory]
    [InlineData("Publicité")]
    [InlineData("- Publicité -")]
    [InlineData("Advertisement")]
    [InlineData("Lire aussi : Le budget de l'an dernier")]
    [InlineData("Photo : AFP")]
    [InlineData("Tags: politique, budget")]
    [InlineData("23 Nov 2017")]
    [InlineData("Par Jean Dupont")]
    [InlineData("Partager")]
    public void Boilerplate_lines_are_dropped(string line)
    {
        Assert.True(BodyAssembler.IsBoilerplateLine(new TextBlock(line, 0)));
    }

    [Theory]
    [InlineData("Par ailleurs, le maire a rappelé que les taux resteraient inchangés.")]
    [InlineData("Le 11 mai 2017, le conseil municipal a adopté le budget primitif de la commune.")]
    [InlineData("Les habitants pourront donner leur avis jusqu'au 30 juin.")]
    public void Prose_lines_are_kept(string line)
    {
        Assert.False(BodyAssembler.IsBoilerplateLine(new TextBlock(line, 0)));
    }

    [Theory]
    [InlineData("Sign up for our daily newsletter")]
    [InlineData("Photograph: Getty Images")]
    [InlineData("Click here to read the full report")]
    [InlineData("Déjà abonné ? Se connecter")]
    [InlineData("(Reporting by Jane Doe; Editing by John Roe)")]
    [InlineData("Jane Doe contributed to this report.")]
    [InlineData("Follow her on Bluesky at @jane.")]
    public void Lines_the_literal_gated_rules_catch_are_still_dropped(string line)
    {
        Assert.True(BodyAssembler.IsBoilerplateLine(new TextBlock(line, 0)));
    }

    [Theory]
    [InlineData("Il est venu pour défendre le budget de la commune.")]
    [InlineData("The blog post explains how the login flow was rebuilt last year.")]
    public void Lines_holding_a_gate_literal_but_not_the_pattern_are_kept(string line)
    {
        Assert.False(BodyAssembler.IsBoilerplateLine(new TextBlock(line, 0)));
    }
}
