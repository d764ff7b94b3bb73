using NewsIngest.Evaluation.Metrics;

namespace NewsIngest.Tests.Evaluation;

public sealed class ShingleMetricTests
{
    [Fact]
    public void Identical_texts_score_one()
    {
        var score = ShingleMetric.Instance.Score("one two three four five", "one two three four five");
        Assert.Equal(1, score.Precision);
        Assert.Equal(1, score.Recall);
    }

    [Fact]
    public void Punctuation_and_separators_do_not_matter()
    {
        var score = ShingleMetric.Instance.Score("one, two. three\n\nfour five", "one two three four five");
        Assert.Equal(1, score.F1);
    }

    [Fact]
    public void Counts_are_normalised_to_sum_to_one()
    {
        var score = ShingleMetric.Instance.Score("a b c d e", "a b c d x y");
        Assert.Equal(1, score.TruePositive + score.FalsePositive + score.FalseNegative, 9);
        Assert.Equal(1.0 / 4, score.TruePositive, 9); // shingles: truth {abcd, bcde}, prediction {abcd, bcdx, cdxy}
    }

    [Fact]
    public void Text_shorter_than_four_tokens_is_one_shingle()
    {
        Assert.Equal(1, ShingleMetric.Instance.Score("hello world", "hello world").F1);
        Assert.Equal(0, ShingleMetric.Instance.Score("hello world", "hello there").F1);
    }

    [Fact]
    public void Repeated_text_costs_precision_as_a_multiset()
    {
        var score = ShingleMetric.Instance.Score("a b c d", "a b c d a b c d");
        Assert.Equal(1, score.Recall);
        Assert.True(score.Precision < 0.5);
    }

    [Fact]
    public void Empty_prediction_drops_out_of_precision_but_counts_zero_recall()
    {
        var aggregate = ShingleMetric.Instance.Aggregate([ShingleMetric.Instance.Score("a b c d", string.Empty), ShingleMetric.Instance.Score("a b c d", "a b c d")]);
        Assert.Equal(1, aggregate.Precision);
        Assert.Equal(0.5, aggregate.Recall);
        Assert.Equal(2 * 0.5 / 1.5, aggregate.F1, 9);
    }

    [Fact]
    public void Tokens_are_unicode_words()
    {
        Assert.Equal(1, ShingleMetric.Instance.Score("élection présidentielle à Moscou", "élection présidentielle à Moscou").F1);
        Assert.Equal(0, ShingleMetric.Instance.Score("élection présidentielle à Moscou", "election presidentielle a Moscou").F1);
    }
}
