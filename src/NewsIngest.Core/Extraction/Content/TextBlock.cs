namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// One paragraph-level run of text from the walk: a span of the walk's <see cref="TextBuffer"/>, the element that
/// owns it, how much of it is link text and its comma count. The text becomes a string only when read.
/// </summary>
internal sealed class TextBlock
{
    private readonly TextBuffer _buffer;
    private readonly int _start;
    private string? _text;

    public TextBlock(TextBuffer buffer, int start, int length, int owner, int linkChars, int commas, bool isHeading)
    {
        _buffer = buffer;
        _start = start;
        Length = length;
        Owner = owner;
        LinkChars = linkChars;
        Commas = commas;
        IsHeading = isHeading;
    }

    /// <summary>A block made from a known string (fallback sources).</summary>
    public TextBlock(string text, int owner)
        : this(null!, 0, text.Length, owner, 0, 0, false) => _text = text;

    /// <summary>Whitespace-collapsed, trimmed text.</summary>
    public string Text => _text ??= _buffer.ToString(_start, Length);

    public int Length { get; }

    /// <summary>Index of the innermost block element holding the text.</summary>
    public int Owner { get; }

    /// <summary>Characters of the text that sit inside links.</summary>
    public int LinkChars { get; }

    public int Commas { get; }

    /// <summary>Whether the owner is an h1–h6.</summary>
    public bool IsHeading { get; }

    public double LinkDensity => Length == 0 ? 0 : (double)LinkChars / Length;
}
