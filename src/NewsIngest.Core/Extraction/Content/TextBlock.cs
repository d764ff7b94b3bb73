namespace NewsIngest.Core.Extraction.Content;

/// <summary>One paragraph-level run of text from the walk: its text, the element that owns it and how much of it is link text.</summary>
/// <param name="Text">Whitespace-collapsed, trimmed text.</param>
/// <param name="Owner">Index of the innermost block element holding the text.</param>
/// <param name="LinkChars">Characters of the text that sit inside links.</param>
/// <param name="IsHeading">Whether the owner is an h1–h6.</param>
internal sealed record TextBlock(string Text, int Owner, int LinkChars, bool IsHeading)
{
    public double LinkDensity => Text.Length == 0 ? 0 : (double)LinkChars / Text.Length;
}
