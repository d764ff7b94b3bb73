using NewsIngest.Core.Extraction.Metadata;

namespace NewsIngest.Tests.Extraction;

public sealed class AuthorNameTests
{
    [Theory]
    [InlineData("By Jane Smith, transport correspondent", new[] { "Jane Smith" })]
    [InlineData("Par Claire Dumoulin et Théo Marchetti", new[] { "Claire Dumoulin", "Théo Marchetti" })]
    [InlineData("STEVE PEOPLES, AP National Political Writer", new[] { "STEVE PEOPLES" })]
    [InlineData("Ilana Muhlstein, RDN", new[] { "Ilana Muhlstein" })]
    [InlineData("Anne Martin & Paul Durand", new[] { "Anne Martin", "Paul Durand" })]
    [InlineData("jane.smith@example.org", new string[0])]
    public void Byline_texts_become_clean_person_names(string byline, string[] expected)
    {
        var names = new List<string>();
        AuthorResolver.AddSplit(names, byline);
        Assert.Equal(expected, names);
    }
}
