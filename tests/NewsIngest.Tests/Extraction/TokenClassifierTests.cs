using NewsIngest.Core.Extraction.Cleaning;

namespace NewsIngest.Tests.Extraction;

public sealed class TokenClassifierTests
{
    [Theory]
    [InlineData("entry-content clearfix")]
    [InlineData("sidebar widget-area")]
    [InlineData("post entry-content")]
    [InlineData("elementor-widget elementor-widget-text-editor")]
    [InlineData("comments-area  has-sidebar")]
    [InlineData("  nav\tmenu-primary ")]
    public void Memoised_class_readings_equal_fresh_ones(string value)
    {
        var fresh = TokenClassifier.Classify(value, isId: false);
        Assert.Equal(fresh, TokenClassifier.ClassifyClass(value));
        Assert.Equal(fresh, TokenClassifier.ClassifyClass(new string(value.AsSpan())));
    }

    [Fact]
    public void Class_and_id_readings_of_one_string_stay_apart()
    {
        // "post" is a tier-1 body only as a whole class token, never as an id.
        Assert.Equal(TokenClassifier.Classify("post", isId: false), TokenClassifier.ClassifyClass("post"));
        Assert.Equal(TokenClassifier.Classify("post", isId: true), TokenClassifier.ClassifyId("post"));
        Assert.NotEqual(TokenClassifier.ClassifyClass("post"), TokenClassifier.ClassifyId("post"));
    }

    [Fact]
    public void Classification_stays_right_after_the_memo_has_filled_and_started_afresh()
    {
        for (var i = 0; i < 110_000; i++)
        {
            TokenClassifier.ClassifyClass($"builder-block-{i} entry-content");
        }

        Assert.Equal(TokenClassifier.Classify("entry-content builder-block-1", isId: false), TokenClassifier.ClassifyClass("entry-content builder-block-1"));
        Assert.True((TokenClassifier.ClassifyClass("related-posts") & TokenClass.Related) != 0);
    }
}
