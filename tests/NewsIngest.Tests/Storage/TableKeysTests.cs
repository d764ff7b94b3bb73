using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.Storage;

public sealed class TableKeysTests
{
    [Fact]
    public void Characters_forbidden_in_keys_are_escaped_and_decoded_back()
    {
        const string name = "news.example/a#b?c\\d%e\u0001.html";
        var key = TableKeys.RowFor(name);
        Assert.DoesNotContain('/', key);
        Assert.DoesNotContain('#', key);
        Assert.DoesNotContain('?', key);
        Assert.DoesNotContain('\\', key);
        Assert.DoesNotContain('\u0001', key);
        Assert.Equal(name, TableKeys.Decode(key));
    }

    [Fact]
    public void A_fetched_page_is_partitioned_by_its_host_and_a_loose_drop_by_a_shared_partition()
    {
        Assert.Equal("news.example", TableKeys.PartitionFor("news.example/0a1b.html"));
        Assert.Equal(TableKeys.UnsortedPartition, TableKeys.PartitionFor("page.html"));
    }

    [Theory]
    [InlineData('/')] // escaped to 3 characters
    [InlineData('\u0001')] // escaped to 3 characters
    [InlineData('é')]
    public void Keys_of_the_longest_worst_case_blob_names_stay_within_the_table_key_limit(char filler)
    {
        var name = new string(filler, RawPageNames.MaxBlobNameLength);
        var folder = new string(filler == '/' ? 'x' : filler, RawPageNames.MaxBlobNameLength - 2) + "/a";
        var surrogates = string.Concat(Enumerable.Repeat("\U0001F600", RawPageNames.MaxBlobNameLength / 2));

        foreach (var key in new[] { TableKeys.RowFor(name), TableKeys.PartitionFor(folder), TableKeys.RowFor(folder), TableKeys.RowFor(surrogates) })
        {
            Assert.InRange(key.Length, 1, TableKeys.MaxKeyLength);
            Assert.DoesNotContain('/', key);
            Assert.DoesNotContain('\\', key);
            Assert.DoesNotContain('#', key);
            Assert.DoesNotContain('?', key);
            Assert.False(key.Any(char.IsControl), key);
            Assert.False(char.IsHighSurrogate(key[^1]));
        }
    }

    [Fact]
    public void A_name_whose_key_fits_keeps_the_key_it_always_had()
    {
        var name = "news.example/" + new string('a', TableKeys.MaxKeyLength - "news.example%2F".Length);
        Assert.Equal("news.example%2F" + new string('a', TableKeys.MaxKeyLength - "news.example%2F".Length), TableKeys.RowFor(name));
        Assert.Equal(name, TableKeys.Decode(TableKeys.RowFor(name)));
    }

    [Fact]
    public void Long_names_that_share_their_beginning_get_different_keys_unlike_any_short_names_key()
    {
        var common = "news.example/" + string.Concat(Enumerable.Repeat("dossier/", 100));
        var first = TableKeys.RowFor(common + "a.html");
        var second = TableKeys.RowFor(common + "b.html");

        Assert.NotEqual(first, second);
        Assert.Contains("%~", first, StringComparison.Ordinal);
        Assert.DoesNotContain("%~", TableKeys.RowFor("news.example/%~" + new string('f', 64)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_article_blob_of_the_longest_raw_name_stays_within_the_blob_name_limit()
    {
        var longest = "news.example/" + new string('a', RawPageNames.MaxBlobNameLength - "news.example/".Length);
        var other = longest[..^1] + "b";

        Assert.Equal(RawPageNames.MaxBlobNameLength, RawPageNames.ArticleBlobFor(longest).Length);
        Assert.NotEqual(RawPageNames.ArticleBlobFor(longest), RawPageNames.ArticleBlobFor(other));
        Assert.EndsWith(".json", RawPageNames.ArticleBlobFor(longest), StringComparison.Ordinal);
        Assert.Equal("news.example/a.html.json", RawPageNames.ArticleBlobFor("news.example/a.html"));
    }
}
