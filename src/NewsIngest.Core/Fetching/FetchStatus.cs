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

    /// <summary>The site's robots.txt disallows the page for our User-Agent: not requested at all.</summary>
    Disallowed,
    Failed,
}
