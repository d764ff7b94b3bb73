namespace NewsIngest.Evaluation.Metrics;

/// <summary>Counts of <c>with</c> and <c>without</c> snippets judged right, out of how many.</summary>
public readonly record struct SnippetTally(int WithRight, int WithTotal, int WithoutRight, int WithoutTotal)
{
    public double WithShare => WithTotal == 0 ? 0 : (double)WithRight / WithTotal;

    public double WithoutShare => WithoutTotal == 0 ? 0 : (double)WithoutRight / WithoutTotal;

    /// <summary>Both kinds together, each snippet weighing the same.</summary>
    public double Share => WithTotal + WithoutTotal == 0 ? 0 : (double)(WithRight + WithoutRight) / (WithTotal + WithoutTotal);

    public static SnippetTally operator +(SnippetTally a, SnippetTally b) =>
        new(a.WithRight + b.WithRight, a.WithTotal + b.WithTotal, a.WithoutRight + b.WithoutRight, a.WithoutTotal + b.WithoutTotal);

    public SnippetTally Add(SnippetTally other) => this + other;
}
