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
}
