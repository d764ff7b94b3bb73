namespace NewsIngest.Core.Feeds;

/// <summary>The document is not a feed we can read (not XML, a DTD, or an unknown root element).</summary>
public sealed class FeedFormatException : Exception
{
    public FeedFormatException()
    {
    }

    public FeedFormatException(string message)
        : base(message)
    {
    }

    public FeedFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
