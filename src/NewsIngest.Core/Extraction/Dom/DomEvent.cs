namespace NewsIngest.Core.Extraction.Dom;

/// <summary>One step of the flattened document: an element opens, closes, or a text run appears.</summary>
/// <param name="Kind">0 = open, 1 = close, 2 = text.</param>
/// <param name="Index">The element index (open/close) or the text index.</param>
internal readonly record struct DomEvent(byte Kind, int Index)
{
    public const byte Open = 0;
    public const byte Close = 1;
    public const byte Text = 2;
}
