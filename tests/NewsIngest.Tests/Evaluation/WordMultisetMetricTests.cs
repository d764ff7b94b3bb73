using NewsIngest.Evaluation.Metrics;

namespace NewsIngest.Tests.Evaluation;

public sealed class WordMultisetMetricTests
{
    private static readonly WordMultisetMetric Metric = WordMultisetMetric.Instance;

    [Fact]
    public void Precision_is_common_over_predicted_and_recall_common_over_reference()
    {
        // Reference: the×2 cat sat on mat (6 tokens); prediction: the cat sat (3), all common.
        var score = Metric.Score("The cat sat on the mat.", "the cat sat");
        Assert.Equal(1, score.Precision, 9);
        Assert.Equal(3.0 / 6, score.Recall, 9);
        Assert.Equal(2 * 1 * 0.5 / 1.5, score.F1, 9);
    }

    [Fact]
    public void Repeated_words_count_as_a_multiset()
    {
        // Reference a b; prediction a a a b: common a×1 b×1 = 2 of 4 predicted.
        var score = Metric.Score("a b", "a a a b");
        Assert.Equal(2.0 / 4, score.Precision, 9);
        Assert.Equal(1, score.Recall, 9);
    }

    [Fact]
    public void Word_order_case_and_punctuation_do_not_matter()
    {
        Assert.Equal(1, Metric.Score("Hello, World!\n\nGood-bye.", "bye good world HELLO").F1, 9);
    }

    [Fact]
    public void Apostrophes_split_words_as_the_w_plus_tokeniser_does()
    {
        // don't → don, t: reference don t stop (3); prediction dont stop (2): common stop only.
        var score = Metric.Score("don't stop", "dont stop");
        Assert.Equal(1.0 / 2, score.Precision, 9);
        Assert.Equal(1.0 / 3, score.Recall, 9);
    }

    [Fact]
    public void Tokens_are_lowercased_unicode_words_in_any_script()
    {
        Assert.Equal(1, Metric.Score("Élection présidentielle à Moscou", "élection PRÉSIDENTIELLE À moscou").F1, 9);
        Assert.Equal(1, Metric.Score("Привет, МИР", "привет мир").F1, 9);
        Assert.Equal(1, Metric.Score("Ζωή καλή", "ΖΩΉ ΚΑΛΉ").F1, 9);
        // Accents are part of the word: élection and election are different tokens, naïve is one token.
        var score = Metric.Score("élection naïve", "election naïve");
        Assert.Equal(0.5, score.Precision, 9);
        Assert.Equal(0.5, score.Recall, 9);
    }

    [Fact]
    public void Empty_or_missing_prediction_scores_zero()
    {
        Assert.Equal(0, Metric.Score("some reference text", string.Empty).F1);
        Assert.Equal(0, Metric.Score("some reference text", null).F1);
        Assert.Equal(0, Metric.Score("some reference text", " —, ").F1);
    }

    [Fact]
    public void Aggregate_is_the_mean_of_page_scores_and_an_empty_prediction_counts_as_zero()
    {
        var perfect = Metric.Score("a b c d", "a b c d");
        var half = Metric.Score("a b c d", "a b"); // P 1, R 0.5, F1 2/3
        var empty = Metric.Score("a b c d", string.Empty);
        var aggregate = Metric.Aggregate([perfect, half, empty]);
        Assert.Equal((1 + 2.0 / 3 + 0) / 3, aggregate.F1, 9);
        Assert.Equal((1 + 1 + 0) / 3.0, aggregate.Precision, 9);
        Assert.Equal((1 + 0.5 + 0) / 3, aggregate.Recall, 9);
    }
}
