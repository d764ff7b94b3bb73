namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// The page's collapsed text in one growable char array, shared by all blocks of a walk: blocks are spans into it,
/// and only the blocks that reach the output become strings. One buffer per thread, reused page after page.
/// </summary>
internal sealed class TextBuffer
{
    [ThreadStatic]
    private static TextBuffer? t_spare;

    private char[] _chars = new char[64 * 1024];

    public int Length { get; private set; }

    public char this[int index] => _chars[index];

    /// <summary>Takes this thread's buffer (or a new one when it is already in use, e.g. nested calls).</summary>
    public static TextBuffer Rent()
    {
        var buffer = t_spare ?? new TextBuffer();
        t_spare = null;
        buffer.Length = 0;
        return buffer;
    }

    public static void Return(TextBuffer buffer) => t_spare = buffer;

    public void Append(char c)
    {
        if (Length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[Length++] = c;
    }

    public void Truncate(int length) => Length = length;

    public string ToString(int start, int length) => new(_chars, start, length);
}
