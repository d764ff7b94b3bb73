using Azure.Data.Tables;
using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.Storage;

/// <summary>The split of an article JSON over the properties of its row.</summary>
public sealed class ArticleJsonPropertiesTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(ArticleJsonProperties.ChunkLength)]
    [InlineData(ArticleJsonProperties.ChunkLength + 1)]
    [InlineData(ArticleJsonProperties.ChunkLength * ArticleJsonProperties.MaxChunks)]
    public void Json_that_fits_is_split_into_bounded_properties_and_joined_back_exactly(int length)
    {
        var json = Text(length);

        var chunks = ArticleJsonProperties.Split(json);
        var entity = new TableEntity("p", "r");
        ArticleJsonProperties.Write(entity, chunks!);

        Assert.All(chunks!, chunk => Assert.InRange(chunk.Length, 1, ArticleJsonProperties.ChunkLength));
        Assert.Equal(json, ArticleJsonProperties.Read(entity));
        Assert.Equal((length + ArticleJsonProperties.ChunkLength - 1) / ArticleJsonProperties.ChunkLength, chunks!.Count);
    }

    [Fact]
    public void Json_longer_than_the_row_allows_does_not_fit()
    {
        Assert.Null(ArticleJsonProperties.Split(Text((ArticleJsonProperties.ChunkLength * ArticleJsonProperties.MaxChunks) + 1)));
    }

    [Fact]
    public void A_chunk_never_ends_between_the_halves_of_a_surrogate_pair()
    {
        // An emoji (two UTF-16 units) straddling the first chunk boundary.
        var json = new string('a', ArticleJsonProperties.ChunkLength - 1) + "😀" + "fin";

        var chunks = ArticleJsonProperties.Split(json)!;

        Assert.Equal(ArticleJsonProperties.ChunkLength - 1, chunks[0].Length);
        Assert.StartsWith("😀", chunks[1], StringComparison.Ordinal);
        Assert.Equal(json, string.Concat(chunks));
    }

    [Fact]
    public void A_row_without_the_json_properties_holds_no_json()
    {
        Assert.Null(ArticleJsonProperties.Read(new TableEntity("p", "r") { ["ArticleBlob"] = "a.html.json" }));
    }

    private static string Text(int length) => string.Concat(Enumerable.Range(0, (length / 10) + 1).Select(i => $"{i,9}é"))[..length];
}
