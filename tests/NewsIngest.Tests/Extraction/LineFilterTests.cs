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
}
