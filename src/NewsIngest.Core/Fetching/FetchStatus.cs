namespace NewsIngest.Core.Fetching;

/// <summary>How a download ended. Only <see cref="Ok"/> carries content.</summary>
public enum FetchStatus
{
    Ok,
    NotModified,
    NotHtml,
    TooLarge,
    HttpError,
    Refused,
    Failed,
}
