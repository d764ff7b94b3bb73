namespace NewsIngest.Core.Pipeline;

/// <summary>A download failed in a way a later attempt may fix (5xx, timeout): thrown so the queue retries the message.</summary>
public sealed class TransientFetchException : Exception
{
    public TransientFetchException()
    {
    }

    public TransientFetchException(string message)
        : base(message)
    {
    }

    public TransientFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
